"""Every dashboard figure against a count made here, independently, from the
demo data (DESIGN §4). The selectors count in SQL; these tests count in Python."""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from coordination.periods import Period
from dashboards.selectors import action_points, meetings, portfolio
from dashboards.selectors.figures import dashboard_data, overview_data
from dashboards.selectors.period import default_period
from projects_db.models import (
    District,
    DuplicatePair,
    NationalPriority,
    Project,
    ProjectParticipant,
)
from projects_db.selectors.money import project_totals_usd
from swg.models import SWG, ActionPoint, Meeting, Organization

HELD = ("held", "circulated")


@pytest.fixture
def swgs(db, demo):
    return list(SWG.objects.filter(lead=SWG.Lead.MOP, is_active=True).order_by("number"))


@pytest.fixture
def period():
    return default_period()


def _in(period, day):
    return period.start <= day <= period.end


def _meetings(swg, period):
    return [
        m
        for m in Meeting.objects.filter(swg=swg).prefetch_related("attendance__contact")
        if _in(period, timezone.localdate(m.starts_at))
    ]


def test_the_demo_has_meetings_in_the_period(swgs, period):
    assert sum(len(_meetings(s, period)) for s in swgs) > 10


def test_meetings_planned_held_and_days_since_the_last(swgs, period):
    today = timezone.localdate()
    figures = meetings.meeting_activity(swg_ids=[s.pk for s in swgs], period=period)
    for swg in swgs:
        in_period = _meetings(swg, period)
        held_ever = [
            timezone.localdate(m.starts_at)
            for m in Meeting.objects.filter(swg=swg, status__in=HELD)
            if m.starts_at < timezone.now()
        ]
        assert figures[swg.pk]["planned"] == len(in_period), swg
        assert figures[swg.pk]["held"] == len([m for m in in_period if m.status in HELD])
        expected = (today - max(held_ever)).days if held_ever else None
        assert figures[swg.pk]["days_since_last"] == expected, swg


def test_government_presence_and_womens_share(swgs, period):
    government = set(Organization.GOVERNMENT_TYPES)
    figures = meetings.meeting_activity(swg_ids=[s.pk for s in swgs], period=period)
    for swg in swgs:
        held = [m for m in _meetings(swg, period) if m.status in HELD]
        present = [a for m in held for a in m.attendance.all() if a.status == "present"]
        with_government = [
            m
            for m in held
            if any(
                a.status == "present" and a.organization.org_type in government
                for a in m.attendance.all()
            )
        ]
        government_people = [a for a in present if a.organization.org_type in government]
        women = [a for a in present if a.contact.gender == "f"]
        row = figures[swg.pk]
        assert row["with_government"] == len(with_government), swg
        assert row["government_attendees"] == len(government_people), swg
        assert row["attendees"] == len(present), swg
        assert row["women"] == len(women), swg
        if held:
            assert row["government_share"] == round(len(with_government) / len(held), 3)
        else:
            assert row["government_share"] is None


def test_action_points_done_open_and_overdue(swgs, period):
    today = timezone.localdate()
    figures = action_points.action_point_status(swg_ids=[s.pk for s in swgs], period=period)
    assert sum(f["due"] for f in figures.values()) > 0
    for swg in swgs:
        due = [p for p in ActionPoint.objects.filter(swg=swg) if _in(period, p.due_date)]
        still_open = [p for p in due if p.status in ("open", "in_progress")]
        assert figures[swg.pk]["done"] == len([p for p in due if p.status == "done"]), swg
        assert figures[swg.pk]["open"] == len(still_open), swg
        assert figures[swg.pk]["overdue"] == len([p for p in still_open if p.due_date < today])


def _portfolio(swgs, period):
    return [
        p
        for p in Project.objects.filter(swg__in=swgs, state=Project.State.PUBLISHED)
        if (p.planned_start is None or p.planned_start <= period.end)
        and (p.planned_end is None or p.planned_end >= period.start)
    ]


def test_portfolio_by_swg_with_its_funding_gap(swgs, period):
    figures = portfolio.portfolio_by_swg(swg_ids=[s.pk for s in swgs], period=period)
    projects = _portfolio(swgs, period)
    assert projects
    for swg in swgs:
        mine = [p.pk for p in projects if p.swg_id == swg.pk]
        totals = project_totals_usd(Project.objects.filter(pk__in=mine))
        assert figures[swg.pk]["projects"] == len(mine), swg
        assert figures[swg.pk]["committed"] == totals["committed"]
        assert figures[swg.pk]["budget"] == totals["budget"]
        assert figures[swg.pk]["gap"] == max(totals["budget"] - totals["committed"], Decimal(0))


def test_projects_by_donor_status_and_district(swgs, period):
    ids = [s.pk for s in swgs]
    projects = _portfolio(swgs, period)
    donors = Counter()
    for p in projects:
        for org_id in {
            x.organization_id
            for x in p.participants.all()
            if x.role == ProjectParticipant.Role.FUNDING
        }:
            donors[org_id] += 1
    found = {
        d["organization_id"]: d["projects"]
        for d in portfolio.projects_by_donor(swg_ids=ids, period=period)
    }
    assert found == dict(donors)

    statuses = Counter(p.status for p in projects)
    found = {
        s["status"]: s["projects"] for s in portfolio.projects_by_status(swg_ids=ids, period=period)
    }
    assert found == {value: statuses.get(value, 0) for value, _label in Project.Status.choices}

    places = Counter(d.pk for p in projects for d in p.districts.all())
    found = portfolio.projects_by_district(swg_ids=ids, period=period)
    assert {d["district"].pk: d["projects"] for d in found["districts"]} == {
        d.pk: places.get(d.pk, 0) for d in District.objects.all()
    }
    assert found["nationwide"] == len([p for p in projects if p.nationwide])


def test_gaps_and_flagged_duplications(swgs, period):
    ids = [s.pk for s in swgs]
    projects = _portfolio(swgs, period)
    served = {p.national_priority_id for p in projects}
    expected = [p for p in NationalPriority.objects.filter(is_active=True) if p.pk not in served]
    found = portfolio.priorities_without_projects(swg_ids=ids, period=period)
    assert {p.pk for p in found} == {p.pk for p in expected}

    chosen = {p.pk for p in projects}
    flagged = Counter(
        pair.project_a.swg_id
        for pair in DuplicatePair.objects.filter(decision="flagged").select_related("project_a")
        if pair.project_a_id in chosen or pair.project_b_id in chosen
    )
    assert sum(flagged.values()) > 0
    assert portfolio.flagged_duplications(swg_ids=ids, period=period) == dict(flagged)


def test_meetings_held_per_quarter_add_up_to_those_held(swgs, period):
    ids = [s.pk for s in swgs]
    by_quarter = meetings.meetings_held_by_quarter(swg_ids=ids, period=period)
    activity = meetings.meeting_activity(swg_ids=ids, period=period)
    for swg in swgs:
        total = sum(n for (swg_id, _q), n in by_quarter.items() if swg_id == swg.pk)
        assert total == activity[swg.pk]["held"]
    assert {q for _s, q in by_quarter} <= set(meetings.quarters_in(period))


def test_the_dashboard_and_the_overview_agree(swgs, period):
    figures = {f.key: f for f in dashboard_data(swgs=swgs, period=period)["figures"]}
    columns = overview_data(swgs=swgs, period=period)["columns"]
    for row, column in zip(figures["meetings"].rows, columns, strict=True):
        assert row.values[:2] == [column["planned"], column["held"]]


def test_a_period_without_meetings_is_empty(swgs):
    period = Period(start=dt.date(2040, 1, 1), end=dt.date(2040, 3, 31))
    figures = {f.key: f for f in dashboard_data(swgs=swgs, period=period)["figures"]}
    assert figures["meetings"].is_empty and figures["action-points"].is_empty
    assert figures["portfolio"].is_empty
