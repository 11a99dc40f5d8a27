import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects_db.models import Project, QuarterSetting
from projects_db.selectors.submissions import (
    Cell,
    Sharing,
    quarter_progress,
    reporting_quarter,
    submission_board,
)
from projects_db.services.updates import (
    update_accept,
    update_no_change,
    update_return,
    update_save_draft,
)
from tests.factories import make_project

pytestmark = pytest.mark.django_db
Q3 = [(2026, 3)]


def _at(day: str):
    return time_machine.travel(dt.datetime.fromisoformat(f"{day}T09:00+00:00"), tick=False)


def _board(today: str, quarters=Q3, **kwargs):
    return submission_board(
        projects=Project.objects.all(),
        quarters=quarters,
        today=dt.date.fromisoformat(today),
        **kwargs,
    )


def _cell(board, org):
    (row,) = [r for r in board if r.organization == org]
    return row.cells[0]


@pytest.fixture
def projects(world):
    return [
        make_project(owner=world.org_a, swg=world.swg_x, publish=True, title_en=f"P{n}")
        for n in range(2)
    ]


def test_the_reporting_quarter_is_the_last_one_ended():
    assert reporting_quarter(dt.date(2026, 10, 1)) == (2026, 3)
    assert reporting_quarter(dt.date(2026, 2, 1)) == (2025, 4)


def test_a_quarter_under_way_is_not_due(projects, world):
    assert _cell(_board("2026-08-01"), world.org_a).state == Cell.NOT_DUE


def test_after_the_quarter_nothing_started(projects, world):
    cell = _cell(_board("2026-10-02"), world.org_a)
    assert (cell.state, cell.owed, cell.sharing) == (Cell.NOT_STARTED, 2, Sharing.PENDING)


def test_a_draft_then_late_then_missing(projects, world):
    with _at("2026-10-02"):
        update_save_draft(
            project=projects[0], year=2026, quarter=3, by=world.partner_a, narrative="x"
        )
    assert _cell(_board("2026-10-02"), world.org_a).state == Cell.DRAFT
    cell = _cell(_board("2026-10-16"), world.org_a)
    assert (cell.state, cell.sharing) == (Cell.LATE, Sharing.MISSING)


def test_submitted_on_time_and_accepted(projects, world):
    with _at("2026-10-10"):
        updates = [
            update_no_change(project=p, year=2026, quarter=3, by=world.partner_a) for p in projects
        ]
    cell = _cell(_board("2026-10-20"), world.org_a)
    assert (cell.state, cell.sharing, cell.handed_in) == (Cell.SUBMITTED, Sharing.ON_TIME, 2)
    for update in updates:
        update_accept(update=update, by=world.secretariat_x)
    assert _cell(_board("2026-10-20"), world.org_a).state == Cell.ACCEPTED


def test_a_late_hand_in_is_late(projects, world):
    with _at("2026-10-20"):
        for p in projects:
            update_no_change(project=p, year=2026, quarter=3, by=world.partner_a)
    cell = _cell(_board("2026-10-21"), world.org_a)
    assert (cell.state, cell.sharing) == (Cell.SUBMITTED, Sharing.LATE)


def test_a_returned_update_shows_returned(projects, world):
    with _at("2026-10-05"):
        update = update_no_change(project=projects[0], year=2026, quarter=3, by=world.partner_a)
        update_return(update=update, by=world.secretariat_x, comment="Add figures.")
    board = _board("2026-10-06", state=Cell.RETURNED)
    assert _cell(board, world.org_a).state == Cell.RETURNED
    assert _board("2026-10-06", state=Cell.ACCEPTED) == []


def test_the_deadline_of_a_quarter_is_configurable(projects, world):
    QuarterSetting.objects.create(year=2026, quarter=3, deadline=dt.date(2026, 10, 31))
    cell = _cell(_board("2026-10-20"), world.org_a)
    assert (cell.state, cell.deadline) == (Cell.NOT_STARTED, dt.date(2026, 10, 31))
    assert QuarterSetting.history.count() == 1  # a changed deadline is kept


def test_drafts_and_pipeline_projects_owe_nothing(world):
    make_project(owner=world.org_b, swg=world.swg_y)
    make_project(owner=world.org_b, swg=world.swg_y, publish=True, status=Project.Status.PIPELINE)
    assert _board("2026-10-20") == []


def test_it_counts_the_progress_of_a_quarter(projects, world):
    with _at("2026-10-05"):
        update_no_change(project=projects[0], year=2026, quarter=3, by=world.partner_a)
    progress = quarter_progress(projects=Project.objects.all(), year=2026, quarter=3)
    assert (progress["owed"], progress["done"]) == (2, 1)
    assert progress["deadline"] == dt.date(2026, 10, 15)


def test_the_board_runs_four_queries_for_a_year(projects, world):
    quarters = [(2026, q) for q in (1, 2, 3, 4)]
    with CaptureQueriesContext(connection) as queries:
        board = _board("2026-10-20", quarters=quarters)
    assert len(board[0].cells) == 4
    assert len(queries) == 4
