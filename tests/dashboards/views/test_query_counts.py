"""The dashboards run a fixed number of queries, whatever the amount of data
(aggregation in SQL, reports capability part 4): pinned with ten times the demo
data, and equal with one and ten times."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from dashboards.generate import grow
from projects_db.demo import build_scaled_projects
from swg.demo.world import build_scaled_world
from swg.models import Attendance, Meeting

PAGES = {
    "dashboard": "/dashboards/",
    "dashboard of one group": "/dashboards/?swg=health",
    "two years": "/dashboards/?start=2025-01-01&end=2026-12-31",
    "export": "/dashboards/export/portfolio.xlsx",
    "overview": "/dashboards/overview/",
    "home": "/",
}
PEOPLE = {"secretariat": "secretariat@demo.ly", "coordination": "coordination@demo.ly"}
# Measured on PostgreSQL with ten times the demo data, plus a margin of two. The
# quarterly-update figure costs one query per quarter due in the period.
# The figures are cached under the data version (coordination/data_version.py):
# these are the counts of a first view, the version read included.
MAX_QUERIES = {
    "dashboard": 29,
    "dashboard of one group": 30,
    "two years": 33,
    "export": 28,
    "overview": 22,
    "home": 27,
}


def _load(factor: int) -> None:
    build_scaled_world(factor)
    build_scaled_projects(factor)
    if factor > 1:
        # Ten years of meetings, about (factor - 1) times the demo's year in
        # each year, with their attendance, minutes and action points.
        grow(scale=0.03 * (factor - 1), seed=factor)


def _count(user, url) -> int:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    return len(queries)


@pytest.fixture(scope="module")
def big_world(django_db_setup, django_db_blocker):
    from swg.reference_data import ensure_reference_data

    with django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()
        _load(10)
        yield {role: User.objects.get(email=email) for role, email in PEOPLE.items()}
        transaction.set_rollback(True)


def test_it_has_ten_times_the_demo_data(db, big_world):
    assert Meeting.objects.count() >= 10 * 20
    assert Attendance.objects.count() >= 10 * 100


@pytest.mark.parametrize("role", sorted(PEOPLE))
@pytest.mark.parametrize("page", sorted(PAGES))
def test_it_stays_within_its_query_budget(db, big_world, role, page):
    count = _count(big_world[role], PAGES[page])
    assert count <= MAX_QUERIES[page], f"{page} as {role}: {count} queries"


def test_it_runs_as_many_queries_with_ten_times_the_data(db):
    from swg.reference_data import ensure_reference_data

    ensure_reference_data()
    _load(1)
    people = {role: User.objects.get(email=email) for role, email in PEOPLE.items()}
    keys = [(role, page) for role in sorted(PEOPLE) for page in sorted(PAGES)]
    before = {(r, p): _count(people[r], PAGES[p]) for r, p in keys}
    _load(10)
    after = {(r, p): _count(people[r], PAGES[p]) for r, p in keys}
    assert after == before
