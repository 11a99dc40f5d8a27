"""The figures of a progress report (reports/selectors/report_data.py) equal
what the database holds, say when the period is empty, and cost a fixed number
of queries."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination.periods import Period
from projects_db.models import IndicatorValue, QuarterlyUpdate
from reports.selectors.report_data import report_data
from swg.models import MinutesItem
from tests.factories import (
    ActionPointFactory,
    circulated_minutes,
    make_meeting,
    make_project,
    report_period_of,
)


def _period():
    return report_period_of(timezone.localdate() - dt.timedelta(days=7))


def _activity(world, n=1):
    """``n`` held meetings with circulated minutes carrying a decision and an action
    point, and ``n`` running projects of WHO with an accepted update and an indicator."""
    period = _period()
    year, quarter = period.quarters()[0]
    for k in range(n):
        minutes = circulated_minutes(world, days_ago=7)
        MinutesItem.objects.filter(minutes=minutes).update(decisions=f"Vaccinate {k} districts")
        ActionPointFactory(
            swg=world.swg_x,
            source_meeting=minutes.meeting,
            description="Share the figures",
            owner_organization=world.org_a,
            due_in_days=30,
        )
        project = make_project(
            owner=world.org_a,
            swg=world.swg_x,
            publish=True,
            title_en=f"Clinic network {k} for district {k * 7}",
            planned_end=dt.date(2040, 12, 31),
        )
        update = QuarterlyUpdate.objects.create(
            project=project, year=year, quarter=quarter, state=QuarterlyUpdate.State.ACCEPTED
        )
        IndicatorValue.objects.create(
            update=update, name="Children vaccinated", unit="children", value=Decimal(1200)
        )
    return period


def test_it_counts_meetings_attendance_decisions_and_updates(world):
    period = _activity(world)
    make_meeting(world, days_ago=7, status="cancelled")
    # A project that owes an update for the quarter and has not sent it.
    make_project(
        owner=world.org_a,
        swg=world.swg_x,
        publish=True,
        title_en="Water for the southern clinics",
        planned_end=dt.date(2040, 12, 31),
    )
    data = report_data(swg=world.swg_x, period=period)
    assert (data.meetings_planned, data.meetings_held, data.meetings_cancelled) == (2, 1, 1)
    # held_meeting: WHO's Amina and the ministry's Khaled present.
    assert (data.participants, data.government_participants) == (2, 1)
    assert data.meetings_with_government == 1 and data.government_share == 50
    assert [d[2] for d in data.decisions] == ["Vaccinate 0 districts"]
    assert data.action_points_agreed == 1
    assert data.projects_total == 2
    assert (data.updates_owing, data.updates_received, data.updates_missing) == (2, 1, 1)
    assert [(i.name, i.total, i.projects) for i in data.indicators] == [
        ("Children vaccinated", Decimal(1200), 1)
    ]
    assert data.has_data


def test_a_period_without_activity_says_so(world):
    data = report_data(swg=world.swg_x, period=Period.parse("2019Q1"))
    assert not data.has_data
    assert data.meetings_planned == 0 and data.quarters[0].owing == 0


def test_a_year_covers_its_four_quarters():
    period = Period.parse("2026")
    assert period.quarters() == [(2026, 1), (2026, 2), (2026, 3), (2026, 4)]
    assert (period.start, period.end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert Period.parse("2026H2").end == dt.date(2026, 12, 31)
    assert Period.parse("2026q3").code == "2026Q3"


def test_it_runs_as_many_queries_with_more_data(world):
    period = _activity(world, n=1)
    with CaptureQueriesContext(connection) as one:
        report_data(swg=world.swg_x, period=period)
    _activity(world, n=3)
    with CaptureQueriesContext(connection) as more:
        data = report_data(swg=world.swg_x, period=period)
    assert data.meetings_held == 4
    assert len(more) == len(one)
