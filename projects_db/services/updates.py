"""Writes of the quarterly update cycle (DESIGN §3 "Quarterly update"; the
assessment's key function g: the database "should be updated quarterly").

::

    not started ─save─▶ draft ─submit─▶ submitted ─accept─▶ accepted (locked,
         │                                  │                applied to the project)
         └──────── no change (one click) ───┘─return─▶ returned ─submit─▶ submitted

"No change this quarter" is a submission like any other. The first hand-in
(``first_submitted_at``) decides whether the partner was on time; a
resubmission after a return keeps it. Keyword-only, one transaction each,
``by`` is the user the history rows name.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.history import history_attribute

from ..models import (
    IndicatorValue,
    Project,
    QuarterlyUpdate,
    Transaction,
    quarter_end,
    quarter_of,
)
from . import notifications, results

State = QuarterlyUpdate.State
UPDATE_FIELDS = frozenset(
    {"narrative", "new_status", "new_status_reason", "disbursed_to_date", "issues"}
)
_TEXT = frozenset({"narrative", "new_status_reason", "issues"})


def _locked_update(*, project: Project, year: int, quarter: int) -> QuarterlyUpdate:
    """The project's update for the quarter, locked for this transaction,
    created (not started) when there is none yet."""
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(_("A quarter is 1, 2, 3 or 4."))
    if (year, quarter) > quarter_of(timezone.localdate()):
        raise ValidationError(_("This quarter has not started yet."))
    if not project.is_published:
        raise ValidationError(_("Publish the project before reporting on it."))
    update, _created = QuarterlyUpdate.objects.get_or_create(
        project=project, year=year, quarter=quarter
    )
    return QuarterlyUpdate.objects.select_for_update().get(pk=update.pk)


def _refuse_unless_editable(update: QuarterlyUpdate) -> None:
    if not update.is_editable:
        raise ValidationError(
            _("This update is %(state)s and can no longer be changed.")
            % {"state": update.get_state_display().lower()}
        )


def _sync_indicators(update: QuarterlyUpdate, rows: Iterable[dict], by) -> None:
    """Replace the indicator values with ``rows`` (name, unit, value, comment
    and, optionally, a joint indicator the project is linked to, whose name and
    unit fill in what the row leaves empty)."""
    for old in update.indicator_values.all():
        history_attribute(old, by=by).delete()
    linked = None
    for index, row in enumerate(rows):
        indicator = row.get("indicator")
        if indicator is not None:
            if linked is None:
                linked = set(update.project.indicators.values_list("pk", flat=True))
            if indicator.pk not in linked:
                raise ValidationError(
                    {
                        "indicator_values": _("%(n)s: the project is not linked to this indicator.")
                        % {"n": index + 1}
                    }
                )
        value = IndicatorValue(
            update=update,
            indicator=indicator,
            name=row.get("name") or (indicator.name_en if indicator else ""),
            unit=row.get("unit") or (indicator.unit if indicator else ""),
            value=row.get("value"),
            comment=row.get("comment", ""),
        )
        try:
            value.full_clean(exclude=["update"])
        except ValidationError as error:
            raise ValidationError(
                {"indicator_values": [f"{index + 1}: {m}" for m in error.messages]}
            ) from None
        history_attribute(value, by=by).save()


@transaction.atomic
def update_save_draft(
    *,
    project: Project,
    year: int,
    quarter: int,
    by,
    indicators: Iterable[dict] | None = None,
    **fields,
) -> QuarterlyUpdate:
    """Keep what the partner wrote so far. A returned update stays returned
    (the board shows it waits for the partner) until it is submitted again."""
    unknown = set(fields) - UPDATE_FIELDS
    if unknown:
        raise TypeError(f"unknown update fields: {', '.join(sorted(unknown))}")
    update = _locked_update(project=project, year=year, quarter=quarter)
    _refuse_unless_editable(update)
    for name, value in fields.items():
        setattr(update, name, "" if value is None and name in _TEXT else value)
    update.no_change = False
    if update.state == State.NOT_STARTED:
        update.state = State.DRAFT
    update.full_clean(exclude=["project", "submitted_by", "reviewed_by"])
    _check_status_reason(update)
    history_attribute(update, by=by).save()
    if indicators is not None:
        _sync_indicators(update, indicators, by)
    return update


def _check_status_reason(update: QuarterlyUpdate) -> None:
    if update.new_status == Project.Status.ON_HOLD and not update.new_status_reason.strip():
        raise ValidationError(
            {"new_status_reason": _("Say why the project is on hold.")}, code="required"
        )


def _hand_in(update: QuarterlyUpdate, by) -> QuarterlyUpdate:
    now = timezone.now()
    update.state = State.SUBMITTED
    update.submitted_at = now
    update.submitted_by = by
    if update.first_submitted_at is None:
        update.first_submitted_at = now
    history_attribute(update, by=by).save()
    return update


@transaction.atomic
def update_submit(*, update: QuarterlyUpdate, by) -> QuarterlyUpdate:
    """Hand in a draft or a returned update for review."""
    update = QuarterlyUpdate.objects.select_for_update().get(pk=update.pk)
    if update.state not in (State.DRAFT, State.RETURNED):
        raise ValidationError(_("Only a draft or a returned update can be submitted."))
    if not update.no_change and not (
        update.narrative.strip() or update.new_status or update.disbursed_to_date is not None
    ):
        raise ValidationError(
            {"narrative": _("Describe the progress, or choose “No change this quarter”.")}
        )
    _check_status_reason(update)
    return _hand_in(update, by)


@transaction.atomic
def update_no_change(*, project: Project, year: int, quarter: int, by) -> QuarterlyUpdate:
    """The one-click "nothing changed this quarter": a submission that changes
    nothing on the project once accepted."""
    update = _locked_update(project=project, year=year, quarter=quarter)
    _refuse_unless_editable(update)
    for old in update.indicator_values.all():
        history_attribute(old, by=by).delete()
    update.no_change = True
    update.new_status = None
    update.new_status_reason = ""
    update.disbursed_to_date = None
    return _hand_in(update, by)


@transaction.atomic
def update_return(*, update: QuarterlyUpdate, by, comment: str) -> QuarterlyUpdate:
    """Back to the partner with the reviewer's comment."""
    update = QuarterlyUpdate.objects.select_for_update().get(pk=update.pk)
    if update.state != State.SUBMITTED:
        raise ValidationError(_("Only a submitted update can be returned."))
    if not comment.strip():
        raise ValidationError({"review_comment": _("Say what the partner should change.")})
    update.state = State.RETURNED
    update.review_comment = comment.strip()
    update.reviewed_at = timezone.now()
    update.reviewed_by = by
    history_attribute(update, by=by).save()
    notifications.update_returned_notify(update=update)
    return update


@transaction.atomic
def update_accept(*, update: QuarterlyUpdate, by, comment: str = "") -> QuarterlyUpdate:
    """Accept and lock the update, and apply it to the project: the new status
    (with its reason) and, when the disbursed amount grew, a disbursement of the
    difference dated the quarter's last day (IATI transaction type 3)."""
    update = QuarterlyUpdate.objects.select_for_update().get(pk=update.pk)
    if update.state != State.SUBMITTED:
        raise ValidationError(_("Only a submitted update can be accepted."))
    update.state = State.ACCEPTED
    update.review_comment = comment.strip()
    update.reviewed_at = timezone.now()
    update.reviewed_by = by
    history_attribute(update, by=by).save()
    if not update.no_change:
        _apply_to_project(update, by)
        results.measurements_from_update(update=update, by=by)
    return update


def _apply_to_project(update: QuarterlyUpdate, by) -> None:
    project = Project.objects.select_for_update().get(pk=update.project_id)
    if update.new_status and update.new_status != project.status:
        project.status = update.new_status
        project.status_reason = update.new_status_reason
        project.full_clean(exclude=["districts", "beneficiaries"])
        history_attribute(project, by=by).save()
    if update.disbursed_to_date is not None:
        # Only disbursements in the project's own currency can be compared with
        # an amount given in that currency (the update form says so).
        recorded = project.transactions.filter(
            type=Transaction.Type.DISBURSEMENT, currency=project.currency
        ).aggregate(total=Sum("value"))["total"] or Decimal(0)
        difference = update.disbursed_to_date - recorded
        if difference > 0:
            funder = project.participants.filter(role=1).select_related("organization").first()
            transaction_row = Transaction(
                project=project,
                type=Transaction.Type.DISBURSEMENT,
                value=difference,
                currency=project.currency,
                value_date=quarter_end(update.year, update.quarter),
                provider=funder.organization if funder else None,
                description=f"Quarterly update {update.quarter_label}",
            )
            history_attribute(transaction_row, by=by).save()
