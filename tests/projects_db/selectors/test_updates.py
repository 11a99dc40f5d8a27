import datetime as dt

import pytest

from projects_db.models import QuarterlyUpdate
from projects_db.selectors.updates import quarterly_updates_missing, quarters_due_between
from swg.selectors import reviews
from tests.factories import make_project

pytestmark = pytest.mark.django_db

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_it_lists_the_quarters_whose_deadline_falls_in_the_period():
    due = [(y, q) for y, q, _d in quarters_due_between(*YEAR)]
    assert due == [(2024, 4), (2025, 1), (2025, 2), (2025, 3)]


def test_it_counts_updates_owed_and_not_submitted(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    make_project(owner=world.org_a, swg=world.swg_x)  # a draft owes nothing
    QuarterlyUpdate.objects.create(project=project, year=2025, quarter=1, state="accepted")
    QuarterlyUpdate.objects.create(project=project, year=2025, quarter=2, state="returned")
    missing = quarterly_updates_missing(
        organization_ids=[world.org_a.pk, world.org_b.pk], period_start=YEAR[0], period_end=YEAR[1]
    )
    # Runs from January 2025: Q1 accepted, Q2 returned and Q3 missing are due in 2025.
    assert missing == {world.org_a.pk: 2, world.org_b.pk: 0}


def test_it_is_registered_with_the_membership_review(world):
    make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    missing = reviews.quarterly_updates_missing(
        organization_ids=[world.org_a.pk], period_start=YEAR[0], period_end=YEAR[1]
    )
    assert missing == {world.org_a.pk: 3}


def test_it_counts_in_three_queries(world, django_assert_num_queries):
    for _ in range(3):
        make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    with django_assert_num_queries(3):
        quarterly_updates_missing(
            organization_ids=[world.org_a.pk, world.org_b.pk],
            period_start=YEAR[0],
            period_end=YEAR[1],
        )
