"""Reads for meeting pages, calendars and feeds; each runs a fixed number of
queries whatever the number of meetings. ``meetings`` arguments are querysets
already scoped by ``permissions.scope``. The invitees are
``swg.selectors.invitations``."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Prefetch, QuerySet, Sum, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone

from ..models import SWG, ActionPoint, AgendaItem, Meeting
from .invitations import meeting_invitations, rsvp_counts

# Libya's working week runs Sunday to Thursday (DESIGN §5), so weeks start on Sunday.
FIRST_WEEKDAY = calendar.SUNDAY
# A feed carries a year of past meetings and two years ahead (docs/architecture.md
# "Long work"): a calendar program polls it every hour, so its size is bounded
# whatever the years of data behind it.
FEED_PAST = dt.timedelta(days=366)
FEED_AHEAD = dt.timedelta(days=731)


def meeting_list(*, meetings: QuerySet) -> QuerySet:
    return meetings.select_related("swg").order_by("starts_at", "pk")


def swg_meetings_overview(*, meetings: QuerySet, limit: int = 5) -> dict[str, list[Meeting]]:
    """The next ``limit`` meetings (not ended yet) and the last ``limit`` ones, in
    one query (the SWG page's query budget is fixed: tests/project/test_query_counts.py):
    two top-``limit`` reads joined by UNION ALL, so the cost does not grow with the
    group's years of meetings as ranking every meeting would."""
    now = timezone.now()
    upcoming = meetings.filter(ends_at__gte=now).order_by("starts_at", "pk")[:limit]
    recent = meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:limit]
    rows = sorted(upcoming.union(recent, all=True), key=lambda m: (m.starts_at, m.pk))
    return {
        "upcoming": [m for m in rows if m.ends_at >= now],
        "recent": [m for m in reversed(rows) if m.ends_at < now],
    }


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """The month in Tripoli time, as aware datetimes [start, end)."""
    start = timezone.make_aware(dt.datetime(year, month, 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, timezone.make_aware(dt.datetime(nxt.year, nxt.month, 1))


def meeting_schedule_for_month(*, meetings: QuerySet, year: int, month: int) -> list[Meeting]:
    """The month's meetings (assessment Annex 2c: the schedule sent at the start
    of each month), in date order, each with its group."""
    start, end = month_bounds(year, month)
    return list(meeting_list(meetings=meetings.filter(starts_at__gte=start, starts_at__lt=end)))


# A day of the month grid shows this many meetings and links to the rest: a
# regional calendar can hold dozens a day, and the page stays the same size.
DAY_LIMIT = 4


@dataclass
class CalendarDay:
    date: dt.date
    in_month: bool
    is_today: bool
    meetings: list[Meeting] = field(default_factory=list)
    more: int = 0  # the day's meetings not shown


@dataclass
class MonthGrid:
    weeks: list[list[CalendarDay]]
    meeting_count: int


def meeting_month_grid(*, year: int, month: int, meetings: QuerySet) -> MonthGrid:
    """Weeks of days (Sunday first) with each day's first ``DAY_LIMIT`` meetings
    by Tripoli date and the number of the others (two queries whatever the
    month holds)."""
    start, end = month_bounds(year, month)
    in_month = meetings.filter(starts_at__gte=start, starts_at__lt=end).order_by()
    day = TruncDate("starts_at", tzinfo=timezone.get_current_timezone())
    counts = dict(
        in_month.annotate(day=day).values("day").annotate(n=Count("pk")).values_list("day", "n")
    )
    shown = meeting_list(
        meetings=in_month.annotate(
            rank=Window(RowNumber(), partition_by=[day], order_by=[F("starts_at"), F("pk")])
        ).filter(rank__lte=DAY_LIMIT)
    )
    by_day: dict[dt.date, list[Meeting]] = {}
    for meeting in shown:
        by_day.setdefault(timezone.localtime(meeting.starts_at).date(), []).append(meeting)
    today = timezone.localdate()
    weeks = calendar.Calendar(FIRST_WEEKDAY).monthdatescalendar(year, month)
    return MonthGrid(
        weeks=[
            [
                CalendarDay(
                    date=date,
                    in_month=date.month == month,
                    is_today=date == today,
                    meetings=by_day.get(date, []),
                    more=counts.get(date, 0) - len(by_day.get(date, [])),
                )
                for date in week
            ]
            for week in weeks
        ],
        meeting_count=sum(counts.values()),
    )


def meeting_agenda(*, meeting: Meeting) -> list[AgendaItem]:
    return list(
        meeting.agenda_items.select_related("presenter__organization", "action_point").order_by(
            "order", "pk"
        )
    )


def meeting_detail(*, meeting: Meeting) -> dict:
    invitations = meeting_invitations(meeting=meeting)
    return {
        "agenda": meeting_agenda(meeting=meeting),
        "invitations": invitations,
        "rsvp_counts": rsvp_counts(invitations),
        "postponed_from": list(meeting.postponed_from.all()),
    }


def meeting_follow_up_candidates(*, meeting: Meeting) -> QuerySet:
    """Open, circulated action points of the group that are not on this agenda
    yet: an agenda reaches partners (meeting page, calendar feed, invitations),
    so draft content is never offered."""
    return (
        ActionPoint.objects.circulated()
        # is_closed=False: the index action_point_swg_list gives them in order.
        .filter(swg=meeting.swg, is_closed=False, status__in=ActionPoint.OPEN_STATUSES)
        .exclude(agenda_items__meeting=meeting)
        .select_related("owner_organization")
        .order_by("due_date", "pk")
    )


def _feed_window(meetings: QuerySet) -> QuerySet:
    # Whole days, so that the window (and the feed's version) moves once a day.
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return meetings.filter(starts_at__gte=today - FEED_PAST, starts_at__lt=today + FEED_AHEAD)


def calendar_feed_meetings(*, meetings: QuerySet) -> QuerySet:
    return (
        _feed_window(meetings)
        .select_related("swg")
        .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order")))
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class FeedVersion:
    """What a feed's content depends on, read in four small aggregate queries
    without building an event: its window, how many meetings it holds, and when
    any of them, their agenda items or a group's name last changed (the history
    tables record every save and delete, coordination/history.py)."""

    window_start: dt.datetime
    count: int
    sequence: int
    last_changed: dt.datetime | None

    @property
    def tag(self) -> str:
        changed = self.last_changed.isoformat() if self.last_changed else "-"
        return f"{self.window_start.date().isoformat()}.{self.count}.{self.sequence}.{changed}"


def calendar_feed_version(*, meetings: QuerySet) -> FeedVersion:
    window = _feed_window(meetings)
    ids = window.order_by().values("pk")
    stats = window.order_by().aggregate(count=Count("pk"), sequence=Sum("sequence"))
    changes = [
        Meeting.history.filter(id__in=ids).aggregate(last=Max("history_date"))["last"],
        AgendaItem.history.filter(meeting_id__in=ids).aggregate(last=Max("history_date"))["last"],
        SWG.history.aggregate(last=Max("history_date"))["last"],
    ]
    known = [change for change in changes if change is not None]
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return FeedVersion(
        window_start=today - FEED_PAST,
        count=stats["count"],
        sequence=stats["sequence"] or 0,
        last_changed=max(known) if known else None,
    )
