"""Is each SWG active, is the government present, are women present (DESIGN §4;
assessment §3: inactive groups, no government presence). Counted in SQL: one
query per measure whatever the number of meetings."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from coordination.periods import Period
from swg.models import Attendance, Contact, Meeting, Organization

HELD = (Meeting.Status.HELD, Meeting.Status.CIRCULATED)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def meeting_activity(*, swg_ids, period: Period, today: dt.date | None = None) -> dict[int, dict]:
    """Per SWG: meetings planned in the period (every meeting dated in it,
    whatever became of it), held, held with a government attendee, government
    attendees and attendees in all (present), women among them, and the days
    since the last meeting held up to the period's end. Two queries."""
    today = today or timezone.localdate()
    swg_ids = list(swg_ids)
    in_period = Q(starts_at__gte=period.start_at, starts_at__lt=period.end_before)
    held = Q(status__in=HELD)
    government_present = Attendance.objects.filter(
        meeting=OuterRef("pk"),
        status=Attendance.Status.PRESENT,
        organization__org_type__in=Organization.GOVERNMENT_TYPES,
    )
    last_before = min(period.end_before, timezone.now())
    meetings = {
        row["swg"]: row
        for row in Meeting.objects.filter(swg__in=swg_ids)
        .annotate(government=Exists(government_present))
        .values("swg")
        .annotate(
            planned=Count("pk", filter=in_period),
            held=Count("pk", filter=in_period & held),
            with_government=Count("pk", filter=in_period & held & Q(government=True)),
            last_held=Max("starts_at", filter=held & Q(starts_at__lt=last_before)),
        )
        .order_by()
    }
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
            government_attendees=Count(
                "pk", filter=Q(organization__org_type__in=Organization.GOVERNMENT_TYPES)
            ),
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
        last = m.get("last_held")
        last_day = timezone.localdate(last) if last else None
        result[swg_id] = {
            "planned": m.get("planned", 0),
            "held": held_count,
            "last_held": last_day,
            "days_since_last": (reference_day - last_day).days if last_day else None,
            "with_government": m.get("with_government", 0),
            "government_share": _ratio(m.get("with_government", 0), held_count),
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
