"""Writes of the results framework (DESIGN §3 "Results framework"; assessment
key function e: joint indicators). Keyword-only; ``by`` is the user the
history rows name.

A period has one target and one measurement at most: a second value for the
same period is refused with a message to edit the first one instead.

Fed from quarterly updates (docs/domain.md "Results framework"): when an
update is accepted, each value it reports against a joint indicator is
summed with the values of the other accepted updates of the same quarter for
that indicator, and the sum is recorded as the indicator's measurement for
that quarter (source "From quarterly updates"). A measurement the
secretariat entered for that quarter is its own figure and is left alone.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from coordination.history import history_attribute
from swg.models import SWG

from ..models import (
    Indicator,
    IndicatorMeasurement,
    IndicatorTarget,
    IndicatorValue,
    NationalPriority,
    Objective,
    Project,
    QuarterlyUpdate,
    SectorGoal,
    period_label,
)

GOAL_FIELDS = frozenset({"text_en", "text_ar", "order"})
INDICATOR_FIELDS = frozenset(
    {
        "objective",
        "name_en",
        "name_ar",
        "unit",
        "baseline_value",
        "baseline_date",
        "national_priority",
    }
)
PRIORITY_FIELDS = frozenset(
    {
        "code",
        "name_en",
        "name_ar",
        "description_en",
        "description_ar",
        "required_funding_usd",
        "order",
        "is_active",
    }
)


def _assign(instance, fields: dict, allowed: frozenset) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)


def _save(instance, *, by, exclude=()):
    instance.full_clean(exclude=list(exclude))
    history_attribute(instance, by=by).save()
    return instance


@transaction.atomic
def priority_save(*, priority: NationalPriority | None = None, by, **fields) -> NationalPriority:
    """Add or change one of the Council of Ministers' strategic priorities."""
    priority = priority or NationalPriority()
    _assign(priority, fields, PRIORITY_FIELDS)
    return _save(priority, by=by)


@transaction.atomic
def goal_save(*, swg: SWG, goal: SectorGoal | None = None, by, **fields) -> SectorGoal:
    goal = goal or SectorGoal(swg=swg)
    if goal.swg_id != swg.pk:
        raise ValidationError(_("This goal belongs to another working group."))
    _assign(goal, fields, GOAL_FIELDS)
    return _save(goal, by=by)


@transaction.atomic
def objective_save(
    *, goal: SectorGoal, objective: Objective | None = None, by, **fields
) -> Objective:
    objective = objective or Objective(goal=goal)
    if objective.goal_id != goal.pk:
        raise ValidationError(_("This objective belongs to another goal."))
    _assign(objective, fields, GOAL_FIELDS)
    return _save(objective, by=by)


@transaction.atomic
def indicator_save(
    *,
    swg: SWG,
    indicator: Indicator | None = None,
    projects: list[Project] | None = None,
    by,
    **fields,
) -> Indicator:
    """Add or change a joint indicator; ``projects`` (when given) are the
    projects linked to it, which must be projects of the same SWG."""
    indicator = indicator or Indicator(swg=swg)
    if indicator.swg_id != swg.pk:
        raise ValidationError(_("This indicator belongs to another working group."))
    _assign(indicator, fields, INDICATOR_FIELDS)
    _save(indicator, by=by)
    if projects is not None:
        if any(p.swg_id != swg.pk for p in projects):
            raise ValidationError({"projects": _("Link only projects of this working group.")})
        history_attribute(indicator, by=by)
        indicator.projects.set(projects)
    return indicator


def _refuse_twice(model, *, indicator: Indicator, year: int, quarter: int, keep=None, what: str):
    others = model.objects.filter(indicator=indicator, year=year, quarter=quarter)
    if keep is not None:
        others = others.exclude(pk=keep.pk)
    if others.exists():
        raise ValidationError(
            _("%(what)s for %(period)s is already recorded; edit it instead.")
            % {"what": what, "period": period_label(year, quarter)},
            code="duplicate",
        )


@transaction.atomic
def target_set(
    *,
    indicator: Indicator,
    target: IndicatorTarget | None = None,
    year: int | None,
    quarter: int,
    value: Decimal,
    by,
) -> IndicatorTarget:
    """Add a target for a period, or change ``target``."""
    if year is None:
        raise ValidationError({"year": _("Give the period the target is for.")})
    _refuse_twice(
        IndicatorTarget,
        indicator=indicator,
        year=year,
        quarter=quarter,
        keep=target,
        what=_("A target"),
    )
    target = target or IndicatorTarget(indicator=indicator)
    target.year, target.quarter, target.value = year, quarter, value
    return _save(target, by=by, exclude=["indicator"])


@transaction.atomic
def measurement_record(
    *,
    indicator: Indicator,
    measurement: IndicatorMeasurement | None = None,
    year: int | None,
    quarter: int,
    value: Decimal,
    note: str = "",
    by,
) -> IndicatorMeasurement:
    """Add the secretariat's value for a period, or change ``measurement``
    (which then counts as the secretariat's own figure)."""
    if year is None:
        raise ValidationError({"year": _("Give the period the value is for.")})
    _refuse_twice(
        IndicatorMeasurement,
        indicator=indicator,
        year=year,
        quarter=quarter,
        keep=measurement,
        what=_("A value"),
    )
    measurement = measurement or IndicatorMeasurement(indicator=indicator)
    measurement.year, measurement.quarter, measurement.value = year, quarter, value
    measurement.note = note.strip()
    measurement.source = IndicatorMeasurement.Source.SECRETARIAT
    return _save(measurement, by=by, exclude=["indicator"])


def measurements_from_update(*, update: QuarterlyUpdate, by) -> list[IndicatorMeasurement]:
    """Record the quarter's sum for each joint indicator ``update`` reports on
    (the rule is in this module's docstring). Called when it is accepted."""
    recorded = []
    indicator_ids = set(
        update.indicator_values.filter(indicator__isnull=False).values_list(
            "indicator_id", flat=True
        )
    )
    for indicator in Indicator.objects.filter(pk__in=indicator_ids).order_by("pk"):
        total = IndicatorValue.objects.filter(
            indicator=indicator,
            update__year=update.year,
            update__quarter=update.quarter,
            update__state=QuarterlyUpdate.State.ACCEPTED,
        ).aggregate(total=Sum("value"))["total"] or Decimal(0)
        measurement = (
            IndicatorMeasurement.objects.select_for_update()
            .filter(indicator=indicator, year=update.year, quarter=update.quarter)
            .order_by("pk")
            .first()
        )
        if measurement is not None and measurement.source != IndicatorMeasurement.Source.UPDATES:
            continue
        measurement = measurement or IndicatorMeasurement(
            indicator=indicator,
            year=update.year,
            quarter=update.quarter,
            source=IndicatorMeasurement.Source.UPDATES,
        )
        measurement.value = total
        measurement.note = _("Sum of the accepted quarterly updates")
        recorded.append(_save(measurement, by=by, exclude=["indicator"]))
    return recorded
