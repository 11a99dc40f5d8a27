"""Quarterly updates on time, late and missing per partner (DESIGN §4 "is
information shared"; the deadline of a quarter is 15 days after its end unless
set otherwise)."""

import datetime as dt

import pytest
from django.utils import timezone

from coordination.periods import Period
from dashboards.selectors.updates import update_counts, update_punctuality
from projects_db.models import QuarterlyUpdate, QuarterSetting
from tests.factories import make_project

# Q4 2025 (deadline 15 January 2026) and Q1 2026 (15 April) are due in this half-year.
PERIOD = Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30))
TODAY = dt.date(2026, 11, 24)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def update(project, year, quarter, *, on, state="submitted", first=None):
    handed_in = state != "draft"
    return QuarterlyUpdate.objects.create(
        project=project,
        year=year,
        quarter=quarter,
        state=state,
        submitted_at=at(on) if handed_in else None,
        first_submitted_at=at(first or on) if handed_in else None,
    )


@pytest.fixture
def projects(world):
    who = make_project(owner=world.org_a, swg=world.swg_x, by=world.admin, publish=True)
    eu = make_project(
        owner=world.org_b,
        swg=world.swg_x,
        by=world.admin,
        publish=True,
        title_en="School meals",
    )
    return who, eu


def test_it_counts_on_time_late_and_missing_per_partner(world, projects):
    who, eu = projects
    update(who, 2025, 4, on=dt.date(2026, 1, 15))  # on the deadline day: on time
    update(who, 2026, 1, on=dt.date(2026, 4, 16))  # a day late
    update(eu, 2025, 4, on=dt.date(2026, 1, 10), state="draft")  # not handed in
    rows = {
        r["organization_id"]: r
        for r in update_punctuality(swg_ids=[world.swg_x.pk], period=PERIOD, today=TODAY)
    }
    assert (rows[world.org_a.pk]["on_time"], rows[world.org_a.pk]["late"]) == (1, 1)
    assert rows[world.org_a.pk]["missing"] == 0
    assert rows[world.org_b.pk]["missing"] == 2 and rows[world.org_b.pk]["on_time"] == 0


def test_an_accepted_update_counts_and_a_later_deadline_makes_it_on_time(world, projects):
    who, _eu = projects
    QuarterSetting.objects.create(year=2026, quarter=1, deadline=dt.date(2026, 4, 30))
    update(who, 2026, 1, on=dt.date(2026, 4, 20), state="accepted")
    rows = {
        r["organization_id"]: r
        for r in update_punctuality(swg_ids=[world.swg_x.pk], period=PERIOD, today=TODAY)
    }
    assert rows[world.org_a.pk]["on_time"] == 1 and rows[world.org_a.pk]["late"] == 0


def test_it_counts_per_swg_and_only_the_groups_asked_for(world, projects):
    assert update_counts(swg_ids=[world.swg_y.pk], period=PERIOD, today=TODAY, by="swg") == {}
    counts = update_counts(swg_ids=[world.swg_x.pk], period=PERIOD, today=TODAY, by="swg")
    assert counts == {world.swg_x.pk: {"on_time": 0, "late": 0, "missing": 4}}


def test_a_deadline_still_to_come_is_not_counted(world, projects):
    early = Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30))
    counts = update_counts(
        swg_ids=[world.swg_x.pk], period=early, today=dt.date(2026, 1, 10), by="swg"
    )
    assert counts == {}


def test_a_returned_update_counts_by_its_first_hand_in(world, projects):
    # Handed in on time, returned by the secretariat, handed in again after the
    # deadline: the partner shared on time (as on the submission board).
    who, _eu = projects
    update(who, 2026, 1, on=dt.date(2026, 4, 20), first=dt.date(2026, 4, 10), state="submitted")
    update(who, 2025, 4, on=dt.date(2026, 1, 10), state="returned")
    rows = {
        r["organization_id"]: r
        for r in update_punctuality(swg_ids=[world.swg_x.pk], period=PERIOD, today=TODAY)
    }
    assert (rows[world.org_a.pk]["on_time"], rows[world.org_a.pk]["late"]) == (2, 0)


def test_it_agrees_with_the_submission_board(world, projects):
    from projects_db.models import Project
    from projects_db.selectors.submissions import Sharing, submission_board

    who, eu = projects
    update(who, 2025, 4, on=dt.date(2026, 1, 15))
    update(who, 2026, 1, on=dt.date(2026, 5, 2), first=dt.date(2026, 4, 16), state="returned")
    update(eu, 2025, 4, on=dt.date(2026, 1, 3))
    counts = update_counts(swg_ids=[world.swg_x.pk], period=PERIOD, today=TODAY)
    board = submission_board(
        projects=Project.objects.all(), quarters=[(2025, 4), (2026, 1)], today=TODAY
    )
    for row in board:
        cells = [c.sharing for c in row.cells]
        assert counts[row.organization.pk] == {
            "on_time": cells.count(Sharing.ON_TIME),
            "late": cells.count(Sharing.LATE),
            "missing": cells.count(Sharing.MISSING),
        }
