"""Is each SWG active, is the government present, are women present (DESIGN §4;
assessment §3: inactive groups, no government presence). Counted in SQL: one
query per measure whatever the number of meetings."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from coordination.periods import Period
from swg.models import SWG, Attendance, Contact, Meeting, Organization

HELD = (Meeting.Status.HELD, Meeting.Status.CIRCULATED)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def meeting_activity(*, swg_ids, period: Period, today: dt.date | None = None) -> dict[int, dict]:
    """Per SWG: meetings planned in the period (every meeting dated in it,
    whatever became of it), held, held with a government attendee, government
    attendees and attendees in all (present), women among them, and the days
    since the last meeting held up to the period's end. Three queries, each
    read through the index on (swg, starts_at): the period's meetings, the last
    one held, and the attendance of those held (which also tells the meetings
    with a government attendee)."""
    today = today or timezone.localdate()
    swg_ids = list(swg_ids)
    held = Q(status__in=HELD)
    meetings = {
        row["swg"]: row
        for row in Meeting.objects.filter(
            swg__in=swg_ids, starts_at__gte=period.start_at, starts_at__lt=period.end_before
        )
        .values("swg")
        .annotate(
            planned=Count("pk"),
            held=Count("pk", filter=held),
        )
        .order_by()
    }
    last_before = min(period.end_before, timezone.now())
    last_held = dict(
        SWG.objects.filter(pk__in=swg_ids)
        .annotate(
            last_held=Subquery(
                Meeting.objects.filter(swg=OuterRef("pk"), starts_at__lt=last_before)
                .filter(held)
                .order_by("-starts_at")
                .values("starts_at")[:1]
            )
        )
        .values_list("pk", "last_held")
    )
    government = Q(organization__org_type__in=Organization.GOVERNMENT_TYPES)
    people = {
        row["meeting__swg"]: row
        for row in Attendance.objects.filter(
            meeting__swg__in=swg_ids,
            meeting__status__in=HELD,
            meeting__starts_at__gte=period.start_at,
            meeting__starts_at__lt=period.end_before,
            status=Attendance.Status.PRESENT,
        )
        .values("meeting__swg")
        .annotate(
            attendees=Count("pk"),
            government_attendees=Count("pk", filter=government),
            # Held meetings with a government attendee, from the same rows.
            with_government=Count("meeting", distinct=True, filter=government),
            women=Count("pk", filter=Q(contact__gender=Contact.Gender.FEMALE)),
        )
        .order_by()
    }
    reference_day = min(period.end, today)
    result = {}
    for swg_id in swg_ids:
        m = meetings.get(swg_id, {})
        p = people.get(swg_id, {})
        held_count = m.get("held", 0)
        last = last_held.get(swg_id)
        last_day = timezone.localdate(last) if last else None
        result[swg_id] = {
            "planned": m.get("planned", 0),
            "held": held_count,
            "last_held": last_day,
            "days_since_last": (reference_day - last_day).days if last_day else None,
            "with_government": p.get("with_government", 0),
            "government_share": _ratio(p.get("with_government", 0), held_count),
            "government_attendees": p.get("government_attendees", 0),
            "government_per_meeting": (
                round(p.get("government_attendees", 0) / held_count, 1) if held_count else None
            ),
            "attendees": p.get("attendees", 0),
            "women": p.get("women", 0),
            "women_share": _ratio(p.get("women", 0), p.get("attendees", 0)),
        }
    return result


def quarter_label(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarters_in(period: Period) -> list[str]:
    return [f"{year}-Q{quarter}" for year, quarter in period.quarters()]


def meetings_held_by_quarter(*, swg_ids, period: Period) -> dict[tuple[int, str], int]:
    """(SWG, "2026-Q1") → meetings held, quarters taken in Tripoli time. One query."""
    rows = (
        Meeting.objects.filter(
            swg__in=list(swg_ids),
            status__in=HELD,
            starts_at__gte=period.start_at,
            starts_at__lt=period.end_before,
        )
        .annotate(quarter=TruncQuarter("starts_at"))
        .values("swg", "quarter")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["swg"], quarter_label(_as_date(row["quarter"]))): row["n"] for row in rows}


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value
