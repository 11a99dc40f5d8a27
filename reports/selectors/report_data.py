"""The figures of a progress report (DESIGN §3 "Progress report"), read from
the portal's own data for one SWG and one period: meetings held against
planned, attendance and government participation, decisions and action
points, the project portfolio and its changes, quarterly updates received and
missing, indicator progress, gaps and duplications.

A fixed number of queries whatever the size of the data (at most four
quarters in a period, one query each for the quarterly figures): the report
page shows a preview of these figures and must stay fast (tests/reports).
Names come in the active language (``pick_language``), so the caller reads
them inside ``translation.override`` for an Arabic report."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from coordination.data_version import cached
from coordination.periods import Period
from projects_db.models import DuplicatePair, IndicatorValue, Project, QuarterlyUpdate
from projects_db.selectors.money import project_totals_usd
from projects_db.selectors.updates import projects_owing
from swg.models import SWG, ActionPoint, Meeting, Minutes, MinutesItem
from swg.models.minutes import CIRCULATED_ACTION_POINTS
from swg.selectors.attendance import attendance_figures_for_meetings

HELD_STATUSES = (Meeting.Status.HELD, Meeting.Status.CIRCULATED)
RECEIVED_STATES = (QuarterlyUpdate.State.SUBMITTED, QuarterlyUpdate.State.ACCEPTED)
OPEN_POINT_STATUSES = (ActionPoint.Status.OPEN, ActionPoint.Status.IN_PROGRESS)


@dataclass
class MeetingRow:
    meeting: Meeting
    present: int = 0
    government_count: int = 0
    women: int = 0
    men: int = 0
    organizations: int = 0


@dataclass
class QuarterRow:
    label: str
    owing: int
    received: int

    @property
    def missing(self) -> int:
        return max(self.owing - self.received, 0)


@dataclass
class IndicatorRow:
    name: str
    unit: str
    total: Decimal
    projects: int


@dataclass
class ReportData:
    swg: SWG
    period: Period
    meetings_planned: int = 0
    meetings_held: int = 0
    meetings_cancelled: int = 0
    meetings_postponed: int = 0
    meeting_rows: list[MeetingRow] = field(default_factory=list)
    participants: int = 0
    government_participants: int = 0
    meetings_with_government: int = 0
    women: int = 0
    men: int = 0
    decisions: list[tuple[Meeting, str, str]] = field(default_factory=list)
    action_points_agreed: int = 0
    action_points_by_status: dict[str, int] = field(default_factory=dict)
    action_points_overdue: int = 0
    projects_total: int = 0
    projects_by_status: list[tuple[str, int]] = field(default_factory=list)
    projects_new: list[Project] = field(default_factory=list)
    projects_completed: list[Project] = field(default_factory=list)
    money: dict[str, Decimal] = field(default_factory=dict)
    quarters: list[QuarterRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    duplicates: list[DuplicatePair] = field(default_factory=list)

    @property
    def updates_owing(self) -> int:
        return sum(q.owing for q in self.quarters)

    @property
    def updates_received(self) -> int:
        return sum(q.received for q in self.quarters)

    @property
    def updates_missing(self) -> int:
        return sum(q.missing for q in self.quarters)

    @property
    def government_share(self) -> int:
        """Per cent of the participants who came from government."""
        return (
            round(100 * self.government_participants / self.participants)
            if self.participants
            else 0
        )

    @property
    def has_data(self) -> bool:
        """Anything at all happened in the period (else the report says so)."""
        return bool(
            self.meetings_planned
            or self.action_points_agreed
            or self.projects_new
            or self.projects_completed
            or self.updates_owing
            or self.indicators
        )


def period_bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """The period as Tripoli-time instants [start, end) (DESIGN: times in Africa/Tripoli)."""
    return period.start_at, period.end_before


def _meetings(data: ReportData, start, end) -> list[int]:
    meetings = list(
        Meeting.objects.filter(swg=data.swg, starts_at__gte=start, starts_at__lt=end).order_by(
            "starts_at", "pk"
        )
    )
    counts = Counter(m.status for m in meetings)
    data.meetings_planned = len(meetings)
    data.meetings_held = sum(counts[s] for s in HELD_STATUSES)
    data.meetings_cancelled = counts[Meeting.Status.CANCELLED]
    data.meetings_postponed = counts[Meeting.Status.POSTPONED]
    held = [m for m in meetings if m.status in HELD_STATUSES]
    figures = attendance_figures_for_meetings(meetings=[m.pk for m in held])
    for meeting in held:
        f = figures.get(meeting.pk)
        row = MeetingRow(meeting)
        if f is not None:
            row.present, row.government_count = f.present, f.government_count
            row.women, row.men, row.organizations = f.women, f.men, len(f.organizations)
        data.meeting_rows.append(row)
        data.participants += row.present
        data.government_participants += row.government_count
        data.meetings_with_government += 1 if row.government_count else 0
        data.women += row.women
        data.men += row.men
    return [m.pk for m in meetings]


def _decisions_and_action_points(data: ReportData, meeting_ids: list[int]) -> None:
    # Only circulated minutes: drafts are not the group's record yet (DESIGN §3 "Meeting").
    items = (
        MinutesItem.objects.filter(
            minutes__meeting_id__in=meeting_ids, minutes__status=Minutes.Status.CIRCULATED
        )
        .exclude(decisions="")
        .select_related("minutes__meeting")
        .order_by("minutes__meeting__starts_at", "-minutes__version", "order", "pk")
    )
    seen_minutes: dict[int, int] = {}
    for item in items:
        meeting = item.minutes.meeting
        # The latest circulated version of a meeting's minutes only.
        version = seen_minutes.setdefault(meeting.pk, item.minutes.version)
        if item.minutes.version == version:
            data.decisions.append((meeting, item.title, item.decisions))
    points = ActionPoint.objects.filter(CIRCULATED_ACTION_POINTS).filter(
        swg=data.swg, source_meeting_id__in=meeting_ids
    )
    by_status = dict(points.values_list("status").annotate(n=Count("pk")).order_by())
    data.action_points_by_status = {
        label: by_status.get(value, 0) for value, label in ActionPoint.Status.choices
    }
    data.action_points_agreed = sum(by_status.values())
    data.action_points_overdue = (
        ActionPoint.objects.filter(CIRCULATED_ACTION_POINTS)
        .filter(swg=data.swg, status__in=OPEN_POINT_STATUSES, due_date__lte=data.period.end)
        .count()
    )


def _portfolio(data: ReportData, start, end) -> None:
    projects = Project.objects.filter(swg=data.swg, state=Project.State.PUBLISHED)
    counts = dict(projects.values_list("status").annotate(n=Count("pk")).order_by())
    data.projects_by_status = [
        (label, counts[value]) for value, label in Project.Status.choices if counts.get(value)
    ]
    data.projects_total = sum(counts.values())
    changed = list(
        projects.filter(
            Q(published_at__gte=start, published_at__lt=end)
            | Q(actual_end__gte=data.period.start, actual_end__lte=data.period.end)
        ).order_by("title_en", "pk")
    )
    data.projects_new = [p for p in changed if p.published_at and start <= p.published_at < end]
    data.projects_completed = [
        p for p in changed if p.actual_end and data.period.start <= p.actual_end <= data.period.end
    ]
    data.money = project_totals_usd(projects)


def _updates(data: ReportData) -> None:
    for year, quarter in data.period.quarters():
        owing = projects_owing(year, quarter).filter(swg=data.swg)
        row = owing.aggregate(
            owing=Count("pk", distinct=True),
            received=Count(
                "updates",
                filter=Q(
                    updates__year=year,
                    updates__quarter=quarter,
                    updates__state__in=RECEIVED_STATES,
                ),
                distinct=True,
            ),
        )
        data.quarters.append(QuarterRow(f"Q{quarter} {year}", row["owing"], row["received"]))


def _indicators(data: ReportData) -> None:
    quarters = Q()
    for year, quarter in data.period.quarters():
        quarters |= Q(update__year=year, update__quarter=quarter)
    values = IndicatorValue.objects.filter(quarters).filter(
        update__project__swg=data.swg, update__state__in=RECEIVED_STATES
    )
    totals: dict[tuple[str, str], list] = defaultdict(lambda: [Decimal(0), set()])
    for name, unit, value, project_id in values.values_list(
        "name", "unit", "value", "update__project_id"
    ).order_by("name", "unit"):
        entry = totals[(name.strip(), unit.strip())]
        entry[0] += value
        entry[1].add(project_id)
    data.indicators = [
        IndicatorRow(name, unit, total, len(projects))
        for (name, unit), (total, projects) in sorted(totals.items())
    ]


def _duplicates(data: ReportData) -> None:
    data.duplicates = list(
        DuplicatePair.objects.filter(decision=DuplicatePair.Decision.FLAGGED)
        .filter(Q(project_a__swg=data.swg) | Q(project_b__swg=data.swg))
        .select_related("project_a__owner", "project_b__owner")
        .order_by("-similarity", "pk")[:50]
    )


def report_data(*, swg: SWG, period: Period) -> ReportData:
    """Every figure of the report for ``swg`` over ``period``."""
    data = ReportData(swg=swg, period=period)
    start, end = period_bounds(period)
    meeting_ids = _meetings(data, start, end)
    _decisions_and_action_points(data, meeting_ids)
    _portfolio(data, start, end)
    _updates(data)
    _indicators(data)
    _duplicates(data)
    return data


def report_data_cached(*, swg: SWG, period: Period) -> ReportData:
    """``report_data``, kept under the data version (coordination/data_version.py,
    docs/architecture.md "Figures cache"): the report's page shows the figures of
    the data as it is, computed once per change of the groups' or projects' data."""
    return cached(
        "report-data",
        lambda: report_data(swg=swg, period=period),
        swg.pk,
        period.start,
        period.end,
    )
