"""The annual membership reassessment (assessment Annex 1.1: the chair
reassesses membership against frequent absences, scarce contributions and
missing data)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from coordination.history import history_attribute

from ..models import Membership, MembershipReview
from ..selectors.reviews import member_records, review_period
from .common import locked, refuse
from .memberships import membership_end


@transaction.atomic
def membership_review_record(
    *,
    membership: Membership,
    decision: str,
    by,
    note: str = "",
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
) -> MembershipReview:
    """The chair's annual decision on one member (assessment Annex 1.1), with the
    figures it was based on. "End membership" ends it through
    ``swg.services.memberships.membership_end``; the review rows are the history."""
    membership = locked(Membership, membership.pk)
    if not membership.is_active:
        refuse(_("This membership has already ended."))
    if membership.organization_id is None:
        refuse(_("Only member organizations are reassessed."))
    if decision not in MembershipReview.Decision.values:
        refuse(_("Choose keep, warn or end membership."), "decision")
    if decision == MembershipReview.Decision.END and not note.strip():
        refuse(_("Give the reason for ending the membership."), "note")
    default_start, default_end = review_period()
    period_start = period_start or default_start
    period_end = period_end or default_end
    record = member_records(
        swg=membership.swg,
        organization_ids=[membership.organization_id],
        period_start=period_start,
        period_end=period_end,
        since={membership.organization_id: membership.start_date},
    )[membership.organization_id]
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
    history_attribute(review, by=by).save()
    if decision == MembershipReview.Decision.END:
        reason = _("Annual reassessment: %(note)s") % {"note": note.strip()}
        membership_end(membership=membership, reason=reason[:300], by=by)
    return review
