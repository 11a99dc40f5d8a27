import datetime as dt

import pytest
from django.db import connection

from projects_db.models import District, DuplicatePair, Project
from projects_db.selectors import duplicates as selectors
from projects_db.services.duplicates import duplicate_mark_complementary
from projects_db.services.projects import project_update
from swg.models import SWG
from tests.factories import make_project

pytestmark = pytest.mark.django_db

A_TITLE = "Strengthening primary health care in the southern districts"
B_TITLE = "Primary health care strengthening in southern districts"


@pytest.fixture
def pair(world):
    a = make_project(owner=world.org_a, swg=world.swg_x, title_en=A_TITLE, title_ar="")
    b = make_project(owner=world.org_b, swg=world.swg_x, title_en=B_TITLE, title_ar="")
    return a, b


@pytest.fixture(params=["postgresql", "fallback"])
def backend(request, monkeypatch):
    """Each test runs with the trigram query and with the difflib fallback."""
    if request.param == "postgresql":
        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL")
    else:
        monkeypatch.setattr(selectors.connection, "vendor", "sqlite")
    return request.param


def flagged():
    return list(DuplicatePair.objects.filter(decision="flagged"))


def test_it_flags_similar_projects_of_two_organizations(backend, pair):
    (found,) = flagged()
    a, b = pair
    assert (found.project_a, found.project_b) == (a, b)
    assert found.similarity >= 0.4


def test_it_uses_trigram_similarity_on_postgresql(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    a = make_project(owner=world.org_a, swg=world.swg_x, title_en=A_TITLE, title_ar="")
    b = make_project(owner=world.org_b, swg=world.swg_x, title_en=B_TITLE, title_ar="")
    with connection.cursor() as cursor:
        cursor.execute("SELECT similarity(%s, %s)", [A_TITLE, B_TITLE])
        expected = cursor.fetchone()[0]
    assert dict(selectors.similar_projects(a)) == {b.pk: pytest.approx(expected)}


def test_it_ignores_the_same_organization(backend, world):
    make_project(owner=world.org_a, swg=world.swg_x, title_en=A_TITLE)
    make_project(owner=world.org_a, swg=world.swg_x, title_en=B_TITLE)
    assert flagged() == []


def test_it_ignores_dissimilar_titles(backend, world):
    make_project(owner=world.org_a, swg=world.swg_x, title_en=A_TITLE, title_ar="")
    make_project(
        owner=world.org_b, swg=world.swg_x, title_en="Hospital waste management", title_ar=""
    )
    assert flagged() == []


def test_it_ignores_other_districts(backend, world):
    make_project(owner=world.org_a, swg=world.swg_x, title_en=A_TITLE, title_ar="")
    make_project(
        owner=world.org_b,
        swg=world.swg_x,
        title_en=B_TITLE,
        title_ar="",
        districts=[District.objects.get(code="LY-TB")],
    )
    assert flagged() == []


def test_it_counts_nationwide_as_overlapping(backend, world):
    make_project(owner=world.org_a, swg=world.swg_x, title_en=A_TITLE, title_ar="")
    make_project(owner=world.org_b, swg=world.swg_x, title_en=B_TITLE, title_ar="", nationwide=True)
    assert len(flagged()) == 1


def test_it_ignores_periods_that_do_not_overlap(backend, world):
    make_project(owner=world.org_a, swg=world.swg_x, title_en=A_TITLE, title_ar="")
    make_project(
        owner=world.org_b,
        swg=world.swg_x,
        title_en=B_TITLE,
        title_ar="",
        planned_start=dt.date(2027, 1, 1),
        planned_end=dt.date(2027, 12, 31),
        budgets=[],
    )
    assert flagged() == []


def test_it_ignores_other_subsectors(backend, world):
    make_project(owner=world.org_a, swg=world.swg_x, title_en=A_TITLE, title_ar="")
    make_project(
        owner=world.org_b,
        swg=SWG.objects.get(slug="education"),
        title_en=B_TITLE,
        title_ar="",
    )
    assert flagged() == []


def test_it_drops_the_flag_when_the_project_changes(backend, pair):
    a, _b = pair
    project_update(project=a, by=None, districts=[District.objects.get(code="LY-TB")])
    assert flagged() == []


def test_it_stops_flagging_a_pair_marked_complementary(backend, pair, world):
    (found,) = flagged()
    duplicate_mark_complementary(pair=found, note="Different clinics", by=world.secretariat_x)
    a, _b = pair
    project_update(project=a, by=None, comments="touched")
    assert flagged() == []
    found.refresh_from_db()
    assert found.decision == DuplicatePair.Decision.COMPLEMENTARY
    assert found.decided_by == world.secretariat_x


def test_it_ignores_cancelled_projects(backend, pair):
    a, _b = pair
    project_update(project=a, by=None, status=Project.Status.CANCELLED)
    assert flagged() == []


def test_it_shows_a_pair_only_to_those_who_see_both_projects(backend, pair, world):
    a, b = pair  # both drafts
    assert selectors.project_flagged_pairs(project=a, user=world.partner_a) == []
    assert len(selectors.flagged_pairs(world.secretariat_x)) == 1
    assert len(selectors.flagged_pairs(world.coordination)) == 1


def test_the_report_lists_flagged_pairs(client, pair, world):
    client.force_login(world.coordination)
    response = client.get("/projects/duplicates/")
    assert A_TITLE in response.content.decode()


def test_the_project_page_warns_of_a_flagged_pair(client, pair, world):
    a, _b = pair
    client.force_login(world.secretariat_x)
    response = client.get(a.get_absolute_url())
    assert b'data-testid="duplicate-warning"' in response.content


def test_the_secretariat_marks_a_pair_complementary(client, pair, world):
    (found,) = flagged()
    client.force_login(world.secretariat_x)
    url = f"/projects/duplicates/{found.pk}/review/"
    response = client.post(url, {"note": "One trains staff, the other builds clinics."})
    assert response.status_code == 302
    assert flagged() == []


def test_a_partner_may_not_mark_a_pair(client, pair, world):
    a, b = pair
    for project in pair:
        project.state = Project.State.PUBLISHED
        project.save()
    (found,) = flagged()
    client.force_login(world.partner_a)
    response = client.post(f"/projects/duplicates/{found.pk}/review/", {"note": "x"})
    assert response.status_code == 403
