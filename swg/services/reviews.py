"""The annual membership reassessment (assessment Annex 1.1: the chair
reassesses membership against frequent absences, scarce contributions and
missing data)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from ..models import SWG, Membership, MembershipReview
from ..selectors.reviews import member_records, review_period
from .common import refuse
from .memberships import membership_end


@transaction.atomic
def membership_reviews_record(
    *,
    swg: SWG,
    decisions: list[tuple[Membership, str, str]],
    by,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
) -> list[MembershipReview]:
    """The chair's decisions on several members at once (the one form of the
    reassessment page), all or nothing. Errors name the row's fields
    (``m<pk>-decision``, ``m<pk>-note``). The figures of every member are read
    in the same fixed number of queries whatever their number."""
    if not decisions:
        refuse(_("Choose a decision for at least one member."))
    ids = [m.pk for m, _decision, _note in decisions]
    current = {m.pk: m for m in Membership.objects.select_for_update().filter(pk__in=ids, swg=swg)}
    errors: dict[str, str] = {}
    checked = []
    for membership, decision, note in decisions:
        row = current.get(membership.pk)
        field = f"m{membership.pk}-"
        if row is None or not row.is_active:
            errors[field + "decision"] = _("This membership has already ended.")
        elif row.organization_id is None:
            errors[field + "decision"] = _("Only member organizations are reassessed.")
        elif decision not in MembershipReview.Decision.values:
            errors[field + "decision"] = _("Choose keep, warn or end membership.")
        elif decision == MembershipReview.Decision.END and not note.strip():
            errors[field + "note"] = _("Give the reason for ending the membership.")
        else:
            checked.append((row, decision, note))
    if errors:
        raise ValidationError(errors)
    return _record_all(
        swg=swg, decisions=checked, period_start=period_start, period_end=period_end, by=by
    )


def _record_all(*, swg, decisions, period_start, period_end, by) -> list[MembershipReview]:
    default_start, default_end = review_period()
    period_start = period_start or default_start
    period_end = period_end or default_end
    since: dict[int, dt.date] = {}
    for membership, _decision, _note in decisions:
        org = membership.organization_id
        since[org] = min(since.get(org, membership.start_date), membership.start_date)
    records = member_records(
        swg=swg,
        organization_ids=list(since),
        period_start=period_start,
        period_end=period_end,
        since=since,
    )
    reviews = []
    for membership, decision, note in decisions:
        record = records[membership.organization_id]
        review = MembershipReview(
            membership=membership,
            period_start=period_start,
            period_end=period_end,
            meetings_held=record.meetings_held,
            meetings_attended=record.meetings_attended,
            actions_done=record.actions_done,
            actions_overdue=record.actions_overdue,
            updates_missing=record.updates_missing,
            decision=decision,
            note=note.strip(),
            decided_by=by,
        )
        reviews.append(review)
    # One insert for the reviews and one for their history, however many members.
    reviews = bulk_create_with_history(reviews, MembershipReview, default_user=by)
    for review in reviews:
        if review.decision == MembershipReview.Decision.END:
            reason = _("Annual reassessment: %(note)s") % {"note": review.note}
            membership_end(membership=review.membership, reason=reason[:300], by=by)
    return reviews
