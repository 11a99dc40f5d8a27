"""Reads of the results framework: an SWG's goals → objectives → indicators
with each indicator's latest value against its target, and one indicator's
progress over periods with its chart (DESIGN §3 "Results framework")."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from coordination.charts import line_chart
from swg.models import SWG

from ..models import (
    Indicator,
    IndicatorMeasurement,
    IndicatorTarget,
    Objective,
    SectorGoal,
    period_key,
    period_label,
)


@dataclass
class PeriodRow:
    year: int
    quarter: int
    target: IndicatorTarget | None = None
    measurement: IndicatorMeasurement | None = None

    @property
    def period(self) -> str:
        return period_label(self.year, self.quarter)


@dataclass
class IndicatorStatus:
    """An indicator with its latest value and the target it is measured against:
    the target of the latest value's period, else the next target after it,
    else the last target."""

    indicator: Indicator
    latest: IndicatorMeasurement | None = None
    target: IndicatorTarget | None = None

    @property
    def percent_of_target(self) -> int | None:
        if self.latest is None or self.target is None or not self.target.value:
            return None
        return round(self.latest.value / self.target.value * 100)


@dataclass
class GoalTree:
    goal: SectorGoal
    objectives: list[tuple[Objective, list[IndicatorStatus]]] = field(default_factory=list)


def _status(indicator: Indicator) -> IndicatorStatus:
    measurements = sorted(indicator.measurements.all(), key=lambda m: m.sort_key)
    targets = sorted(indicator.targets.all(), key=lambda t: t.sort_key)
    latest = measurements[-1] if measurements else None
    target = None
    if targets:
        if latest is None:
            target = targets[0]
        else:
            later = [t for t in targets if t.sort_key >= latest.sort_key]
            target = later[0] if later else targets[-1]
    return IndicatorStatus(indicator=indicator, latest=latest, target=target)


def _indicators() -> QuerySet:
    return Indicator.objects.select_related("national_priority").prefetch_related(
        "measurements", "targets"
    )


def results_framework(*, swg: SWG) -> dict:
    """The SWG's goals, each with its objectives and their indicators, and the
    indicators measured for the SWG as a whole. A fixed number of queries: the
    indicators are read once and placed under their objectives here."""
    by_objective: dict[int | None, list[IndicatorStatus]] = defaultdict(list)
    for indicator in _indicators().filter(swg=swg).order_by("pk"):
        by_objective[indicator.objective_id].append(_status(indicator))
    goals = SectorGoal.objects.filter(swg=swg).prefetch_related("objectives")
    tree = []
    for goal in goals:
        branch = GoalTree(goal=goal)
        for objective in goal.objectives.all():
            branch.objectives.append((objective, by_objective[objective.pk]))
        tree.append(branch)
    return {"goals": tree, "swg_indicators": by_objective[None]}


def indicator_progress(*, indicator: Indicator) -> dict:
    """Every period with a target or a value, in order, and the chart of
    values against targets drawn from the same rows. The baseline is the
    first point of the values when it has a date."""
    rows: dict[tuple[int, int], PeriodRow] = {}
    for target in indicator.targets.all():
        rows.setdefault((target.year, target.quarter), PeriodRow(target.year, target.quarter))
        rows[(target.year, target.quarter)].target = target
    for measurement in indicator.measurements.all():
        key = (measurement.year, measurement.quarter)
        rows.setdefault(key, PeriodRow(measurement.year, measurement.quarter))
        rows[key].measurement = measurement
    ordered = sorted(rows.values(), key=lambda r: period_key(r.year, r.quarter))
    return {"rows": ordered, "chart": progress_chart(indicator=indicator, rows=ordered)}


def progress_chart(*, indicator: Indicator, rows: list[PeriodRow]) -> SafeString | None:
    labels, values, targets = [], [], []
    if indicator.baseline_value is not None:
        labels.append(_baseline_label(indicator))
        values.append(indicator.baseline_value)
        targets.append(None)
    for row in rows:
        labels.append(row.period)
        values.append(row.measurement.value if row.measurement else None)
        targets.append(row.target.value if row.target else None)
    if not labels:
        return None
    return line_chart(
        labels=labels,
        series=[(_("Value"), _floats(values)), (_("Target"), _floats(targets))],
        title=_("Values against targets"),
        markers=True,
    )


def _baseline_label(indicator: Indicator) -> str:
    return str(indicator.baseline_date.year) if indicator.baseline_date else "0"


def _floats(values: list[Decimal | None]) -> list[float | None]:
    return [None if v is None else float(v) for v in values]
