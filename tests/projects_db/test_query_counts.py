"""The project list and the API list run a fixed number of queries, whatever
the number of projects (totals in USD are computed in SQL)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import User
from projects_db.demo import build_scaled_projects
from projects_db.models import Project

PAGES = {
    "project list": "/projects/",
    "filtered list": "/projects/?year=2025&status=2&state=published",
    "portfolio": "/projects/portfolio/",
    "duplicates": "/projects/duplicates/",
    "api list": "/api/v1/projects/",
    "import page": "/projects/import/",
    "export xlsx": "/projects/export.xlsx",
    "export iati": "/projects/export.xml",
    "template": "/projects/import/template/",
    "update list": "/projects/updates/",
    "results index": "/results/",
    "results framework": "/results/health/",
}
# The board is for the ministry staff and the coordination team.
BOARD = {
    "board": "/projects/updates/board/",
    "filtered board": "/projects/updates/board/?year=2026&state=late",
    "update detail": None,  # an update of the demo, see _update_url
}
PEOPLE = {
    "partner": "partner@demo.ly",
    "secretariat": "secretariat@demo.ly",
    "coordination": "coordination@demo.ly",
}
# Measured on PostgreSQL with ten times the demo projects, plus a margin of two.
# The filter form's seven choice lists cost one query each.
MAX_QUERIES = {
    "project list": 18,
    "filtered list": 18,
    # The money is two grouped queries (selectors/money.py portfolio_usd).
    "portfolio": 11,
    "duplicates": 10,
    "api list": 14,
    "import page": 10,
    # Exports read every relation with one query each (selectors/exchange.py).
    "export xlsx": 12,
    "export iati": 12,
    "template": 14,
    "update list": 11,
    "board": 11,
    "filtered board": 11,
    "update detail": 9,
    "results index": 8,
    "results framework": 12,
    "indicator": 10,
}


def _load(factor: int) -> None:
    from swg.demo.world import build_demo_world

    build_demo_world()
    build_scaled_projects(factor)


def _count(user, url) -> int:
    client = APIClient()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture(scope="module")
def big_world(django_db_setup, django_db_blocker):
    from swg.reference_data import ensure_reference_data

    with django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()
        _load(10)
        yield {role: User.objects.get(email=email) for role, email in PEOPLE.items()}
        transaction.set_rollback(True)


def test_it_has_ten_times_the_demo_projects(db, big_world):
    assert Project.objects.count() >= 840


@pytest.mark.parametrize("role", sorted(PEOPLE))
@pytest.mark.parametrize("page", sorted(PAGES))
def test_it_stays_within_its_query_budget(db, big_world, role, page):
    count = _count(big_world[role], PAGES[page])
    assert count <= MAX_QUERIES[page], f"{page} as {role}: {count} queries"


def _update_url() -> str:
    from projects_db.models import QuarterlyUpdate

    update = (
        QuarterlyUpdate.objects.filter(
            project__iati_identifier__startswith="DEMO-WHO", state="submitted"
        ).first()
        or QuarterlyUpdate.objects.filter(state="submitted").first()
    )
    return f"/projects/updates/{update.pk}/"


def _board_url(page: str) -> str:
    return BOARD[page] or _update_url()


@pytest.mark.parametrize("role", ["secretariat", "coordination"])
@pytest.mark.parametrize("page", sorted(BOARD))
def test_the_board_stays_within_its_query_budget(db, big_world, role, page):
    count = _count(big_world[role], _board_url(page))
    assert count <= MAX_QUERIES[page], f"{page} as {role}: {count} queries"


def test_it_runs_as_many_queries_with_ten_times_the_projects(db):
    from swg.reference_data import ensure_reference_data

    ensure_reference_data()
    _load(1)
    people = {role: User.objects.get(email=email) for role, email in PEOPLE.items()}
    urls = {**PAGES, **{page: _board_url(page) for page in BOARD}}
    keys = [(role, page) for role in sorted(PEOPLE) for page in sorted(PAGES)]
    keys += [(role, page) for role in ("secretariat", "coordination") for page in sorted(BOARD)]
    before = {(r, p): _count(people[r], urls[p]) for r, p in keys}
    build_scaled_projects(10)
    after = {(r, p): _count(people[r], urls[p]) for r, p in keys}
    assert after == before


def _indicator_url() -> str:
    from projects_db.models import Indicator

    return f"/results/indicators/{Indicator.objects.filter(swg__slug='health').first().pk}/"


@pytest.mark.parametrize("role", sorted(PEOPLE))
def test_the_indicator_page_stays_within_its_query_budget(db, big_world, role):
    count = _count(big_world[role], _indicator_url())
    assert count <= MAX_QUERIES["indicator"], f"indicator as {role}: {count} queries"


def test_the_results_pages_run_as_many_queries_with_more_indicators_and_values(db):
    from decimal import Decimal

    from projects_db.models import Indicator, SectorGoal
    from projects_db.services.results import (
        goal_save,
        indicator_save,
        measurement_record,
        objective_save,
        target_set,
    )
    from swg.models import SWG
    from swg.reference_data import ensure_reference_data

    ensure_reference_data()
    _load(1)
    people = {role: User.objects.get(email=email) for role, email in PEOPLE.items()}
    urls = [PAGES["results framework"], _indicator_url()]
    before = {(r, u): _count(people[r], u) for r in people for u in urls}
    health = SWG.objects.get(slug="health")
    indicator = Indicator.objects.get(pk=int(urls[1].rstrip("/").split("/")[-1]))
    for n in range(3):
        goal = goal_save(swg=health, by=None, text_en=f"Goal {n}")
        objective = objective_save(goal=goal, by=None, text_en=f"Objective {n}")
        extra = indicator_save(swg=health, by=None, objective=objective, name_en=f"I{n}", unit="x")
        indicator_save(swg=health, by=None, name_en=f"Group {n}", unit="x")
        for year in (2020, 2021):
            target_set(indicator=extra, year=year, quarter=0, value=Decimal(n), by=None)
            measurement_record(indicator=extra, year=year, quarter=1, value=Decimal(n), by=None)
            measurement_record(indicator=indicator, year=year - 10, quarter=n + 1, value=1, by=None)
    assert SectorGoal.objects.filter(swg=health).count() >= 4
    after = {(r, u): _count(people[r], u) for r in people for u in urls}
    assert after == before
