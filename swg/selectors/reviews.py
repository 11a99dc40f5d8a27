"""Reads for the annual membership reassessment (assessment Annex 1.1): each
member's attendance, action points and missing quarterly updates over a year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from ..models import ActionPoint, Attendance, Meeting, Membership, MembershipReview

HELD_STATUSES = (Meeting.Status.HELD, Meeting.Status.CIRCULATED)


def review_period(*, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last twelve months, today included (assessment Annex 1.1: membership
    reassessed annually)."""
    today = today or timezone.localdate()
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + dt.timedelta(days=1), today


# The project database depends on swg, never the other way (DESIGN §6): it
# registers its count here from its AppConfig.ready() with
# ``register_updates_missing(fn)``; fn has quarterly_updates_missing's signature.
_updates_missing = None


def register_updates_missing(fn) -> None:
    global _updates_missing
    _updates_missing = fn


def quarterly_updates_missing(
    *, organization_ids, period_start: dt.date, period_end: dt.date
) -> dict[int, int | None]:
    """Quarterly project updates each organization owed but did not submit in the
    period (assessment Annex 1.1: "lack of cooperation in providing requested
    significant data"). None ("—") until the project database provides it."""
    organization_ids = list(organization_ids)
    if _updates_missing is None:
        return dict.fromkeys(organization_ids)
    return _updates_missing(
        organization_ids=organization_ids, period_start=period_start, period_end=period_end
    )


@dataclass
class MemberRecord:
    organization_id: int
    meetings_held: int = 0
    meetings_attended: int = 0
    actions_done: int = 0
    actions_overdue: int = 0
    updates_missing: int | None = None

    @property
    def attendance_rate(self) -> float | None:
        if not self.meetings_held:
            return None
        return self.meetings_attended / self.meetings_held

    @property
    def attendance_percent(self) -> int | None:
        rate = self.attendance_rate
        return None if rate is None else round(rate * 100)


def member_records(
    *,
    swg,
    organization_ids,
    period_start: dt.date,
    period_end: dt.date,
    since: dict[int, dt.date] | None = None,
) -> dict[int, MemberRecord]:
    """Per organization over the period: SWG meetings held (from the day it
    joined, ``since``) and those where it had someone present, action points
    done in the period and overdue now, quarterly updates missing."""
    organization_ids = list(organization_ids)
    since = since or {}
    held = Meeting.objects.filter(
        swg=swg,
        status__in=HELD_STATUSES,
        starts_at__date__gte=period_start,
        starts_at__date__lte=period_end,
    )
    held_on = {
        pk: timezone.localtime(starts_at).date()
        for pk, starts_at in held.values_list("pk", "starts_at")
    }
    # One pair per organization and meeting, however many of its people came;
    # no ordering (the model's joins the meeting and the contact to sort).
    present: dict[int, set[int]] = {}
    for org_id, meeting_id in (
        Attendance.objects.filter(
            meeting__in=held,
            status=Attendance.Status.PRESENT,
            organization_id__in=organization_ids,
        )
        .order_by()
        .values_list("organization_id", "meeting_id")
        .distinct()
    ):
        present.setdefault(org_id, set()).add(meeting_id)

    def counts(org_id):
        start = since.get(org_id) or period_start
        meetings = [pk for pk, day in held_on.items() if day >= start]
        attended = present.get(org_id, ())
        return len(meetings), sum(pk in attended for pk in meetings)

    today = timezone.localdate()
    actions = {
        row["owner_organization_id"]: row
        for row in ActionPoint.objects.filter(swg=swg, owner_organization_id__in=organization_ids)
        .values("owner_organization_id")
        .annotate(
            done=Count(
                "pk",
                filter=Q(
                    status=ActionPoint.Status.DONE,
                    closed_on__gte=period_start,
                    closed_on__lte=period_end,
                ),
            ),
            overdue=Count("pk", filter=Q(status__in=ActionPoint.OPEN_STATUSES, due_date__lt=today)),
        )
    }
    missing = quarterly_updates_missing(
        organization_ids=organization_ids, period_start=period_start, period_end=period_end
    )
    records = {}
    for org_id in organization_ids:
        meetings_held, meetings_attended = counts(org_id)
        records[org_id] = MemberRecord(
            organization_id=org_id,
            meetings_held=meetings_held,
            meetings_attended=meetings_attended,
            actions_done=actions.get(org_id, {}).get("done", 0),
            actions_overdue=actions.get(org_id, {}).get("overdue", 0),
            updates_missing=missing.get(org_id),
        )
    return records


# The chair and the MoP secretariat run the group; they are not reassessed.
NOT_REVIEWED_ROLES = (Membership.Role.CHAIR, Membership.Role.SECRETARIAT)


# Below this share of the group's meetings a member's attendance is shown as
# low (assessment Annex 1.1: membership is reassessed "against frequent absences").
LOW_ATTENDANCE_PERCENT = 50


@dataclass
class ReviewRow:
    membership: Membership
    record: MemberRecord
    last_review: MembershipReview | None

    @property
    def low_attendance(self) -> bool:
        percent = self.record.attendance_percent
        return percent is not None and percent < LOW_ATTENDANCE_PERCENT


def reviewed_memberships(*, swg):
    """The memberships the reassessment covers: active member organizations
    other than the chair and the secretariat."""
    return (
        Membership.objects.active()
        .filter(swg=swg, organization__isnull=False)
        .exclude(role__in=NOT_REVIEWED_ROLES)
    )


def membership_review_rows(*, swg, period_start: dt.date, period_end: dt.date) -> list[ReviewRow]:
    memberships = list(
        reviewed_memberships(swg=swg)
        .select_related("organization", "contact")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=MembershipReview.objects.select_related("decided_by").order_by(
                    "-decided_at", "-pk"
                ),
                to_attr="review_list",
            )
        )
        .order_by("organization__name_en", "pk")
    )
    since: dict[int, dt.date] = {}
    for m in memberships:
        since[m.organization_id] = min(since.get(m.organization_id, m.start_date), m.start_date)
    records = member_records(
        swg=swg,
        organization_ids=set(since),
        period_start=period_start,
        period_end=period_end,
        since=since,
    )
    return [
        ReviewRow(
            membership=m,
            record=records[m.organization_id],
            last_review=m.review_list[0] if m.review_list else None,
        )
        for m in memberships
    ]


def membership_review_history(*, swg, limit: int = 100) -> list[MembershipReview]:
    return list(
        MembershipReview.objects.filter(membership__swg=swg)
        .select_related("membership__organization", "membership__contact", "decided_by")
        .order_by("-decided_at", "-pk")[:limit]
    )
