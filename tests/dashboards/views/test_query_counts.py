"""The dashboards run a fixed number of queries, whatever the amount of data
(aggregation in SQL, reports capability part 4): pinned with ten times the demo
data, and equal with one and ten times."""

import uuid

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from projects_db.demo import build_scaled_projects
from swg.demo.world import build_scaled_world
from swg.models import ActionPoint, Attendance, Meeting

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


def _scale_meetings(factor: int) -> None:
    """``factor - 1`` copies of the demo's meetings with their attendance and
    action points (no history: a stand-in for a busier year)."""
    originals = list(Meeting.objects.filter(postponed_to__isnull=True, title_en__regex=r"^[^#]*$"))
    attendance = list(Attendance.objects.filter(meeting__in=originals))
    points = list(ActionPoint.objects.filter(source_meeting__in=originals))
    for copy in range(2, factor + 1):
        clones = Meeting.objects.bulk_create(
            Meeting(
                **{
                    f.attname: getattr(m, f.attname)
                    for f in Meeting._meta.concrete_fields
                    if f.name not in ("id", "uid", "title_en")
                },
                uid=uuid.uuid4(),
                title_en=f"{m.title_en} #{copy}",
            )
            for m in originals
        )
        twin = {m.pk: c.pk for m, c in zip(originals, clones, strict=True)}
        Attendance.objects.bulk_create(
            Attendance(
                meeting_id=twin[a.meeting_id],
                contact_id=a.contact_id,
                organization_id=a.organization_id,
                status=a.status,
                is_walk_in=a.is_walk_in,
            )
            for a in attendance
        )
        ActionPoint.objects.bulk_create(
            ActionPoint(
                swg_id=p.swg_id,
                source_meeting_id=twin[p.source_meeting_id],
                description=p.description,
                owner_organization_id=p.owner_organization_id,
                due_date=p.due_date,
                status=p.status,
            )
            for p in points
        )


def _load(factor: int) -> None:
    build_scaled_world(factor)
    build_scaled_projects(factor)
    _scale_meetings(factor)


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
