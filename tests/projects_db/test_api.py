import datetime as dt

import pytest
import time_machine
from django.conf import settings
from rest_framework.test import APIClient

from projects_db.models import Project
from projects_db.services.tokens import api_token_regenerate
from tests.factories import make_project

pytestmark = pytest.mark.django_db

LIST = "/api/v1/projects/"


def api(user=None):
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_regenerate(user=user).key}")
    return client


def new_project(world, **overrides):
    return {
        "title_en": "Mobile clinics",
        "title_ar": "العيادات المتنقلة",
        "swg": world.swg_x.slug,
        "status": 2,
        "planned_start": "2025-01-01",
        "planned_end": "2025-12-31",
        "currency": "USD",
        "districts": ["LY-SB", "LY-MQ"],
        "participants": [{"organization": world.org_a.pk, "role": 4}],
        "budgets": [
            {
                "period_start": "2025-01-01",
                "period_end": "2025-12-31",
                "value": "1000.00",
                "currency": "USD",
            }
        ],
        **overrides,
    }


def test_it_refuses_anonymous_requests():
    assert api().get(LIST).status_code == 401


def test_it_accepts_a_token(world):
    make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    response = api(world.partner_b).get(LIST)
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_it_rejects_a_regenerated_token(world):
    old = api_token_regenerate(user=world.partner_a).key
    api_token_regenerate(user=world.partner_a)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert client.get(LIST).status_code == 401


def test_it_hides_another_organizations_draft(world):
    draft = make_project(owner=world.org_a, swg=world.swg_x)
    assert api(world.partner_b).get(f"{LIST}{draft.pk}/").status_code == 404
    assert api(world.partner_a).get(f"{LIST}{draft.pk}/").status_code == 200


def test_a_partner_cannot_change_another_organizations_project(world):
    published = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    client = api(world.partner_b)
    response = client.patch(f"{LIST}{published.pk}/", {"title_en": "Mine now"}, format="json")
    assert response.status_code == 404
    published.refresh_from_db()
    assert published.title_en != "Mine now"


def test_a_partner_creates_a_project_for_their_organization(world):
    response = api(world.partner_a).post(LIST, new_project(world), format="json")
    assert response.status_code == 201, response.json()
    project = Project.objects.get(pk=response.json()["id"])
    assert project.owner == world.org_a
    assert project.state == Project.State.DRAFT
    assert sorted(project.districts.values_list("code", flat=True)) == ["LY-MQ", "LY-SB"]
    assert project.history.first().history_user == world.partner_a


def test_a_partner_cannot_create_for_another_organization(world):
    data = new_project(world, owner=world.org_b.pk)
    assert api(world.partner_a).post(LIST, data, format="json").status_code == 403
    assert not Project.objects.exists()


def test_a_partner_updates_their_project(world):
    project = make_project(owner=world.org_a, swg=world.swg_x)
    response = api(world.partner_a).patch(
        f"{LIST}{project.pk}/", {"comments": "Second clinic opened"}, format="json"
    )
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.comments == "Second clinic opened"


def test_it_reports_validation_errors_at_the_field(world):
    data = new_project(world, planned_end="2024-01-01")
    response = api(world.partner_a).post(LIST, data, format="json")
    assert response.status_code == 400
    assert "planned_end" in response.json()


def test_it_filters_like_the_web_list(world):
    make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    make_project(owner=world.org_b, swg=world.swg_y, publish=True, title_en="Schools")
    client = api(world.coordination)
    assert client.get(LIST, {"swg": world.swg_y.pk}).json()["count"] == 1
    assert client.get(LIST, {"donor": world.org_a.pk}).json()["count"] == 1
    assert client.get(LIST, {"q": "Schools"}).json()["count"] == 1
    assert client.get(LIST, {"year": 2025}).json()["count"] == 2
    assert client.get(LIST, {"year": 2030}).json()["count"] == 0


def test_it_paginates(world):
    assert settings.REST_FRAMEWORK["PAGE_SIZE"] == 50
    assert set(api(world.coordination).get(LIST).json()) >= {"count", "next", "results"}


def test_it_is_throttled(world, settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates["anon"] and rates["user"]
    from rest_framework.throttling import UserRateThrottle

    UserRateThrottle.THROTTLE_RATES = {**rates, "user": "2/minute"}
    try:
        client = api(world.partner_a)
        statuses = [client.get(LIST).status_code for _ in range(3)]
    finally:
        UserRateThrottle.THROTTLE_RATES = rates
    assert statuses == [200, 200, 429]


def test_it_serves_the_openapi_document_and_its_docs(client, world):
    client.force_login(world.partner_a)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/projects/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()
    assert b"/static/drf_spectacular_sidecar/" in docs.content


def test_it_reads_quarterly_updates_of_own_projects(world):
    from projects_db.models import QuarterlyUpdate

    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    QuarterlyUpdate.objects.create(project=project, year=2025, quarter=1, state="submitted")
    assert api(world.partner_a).get("/api/v1/updates/").json()["count"] == 1
    assert api(world.partner_b).get("/api/v1/updates/").json()["count"] == 0


def test_the_token_page_creates_and_regenerates(client, world):
    client.force_login(world.partner_a)
    assert client.get("/projects/api-token/").status_code == 200
    client.post("/projects/api-token/")
    first = world.partner_a.auth_token.key
    client.post("/projects/api-token/")
    world.partner_a.refresh_from_db()
    assert world.partner_a.auth_token.key != first


UPDATES = "/api/v1/updates/"


def _update(project, **overrides):
    return {
        "project": project.pk,
        "year": 2026,
        "quarter": 3,
        "narrative": "Two clinics opened.",
        "indicator_values": [{"name": "Clinics open", "unit": "clinics", "value": "2"}],
        **overrides,
    }


@time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC), tick=False)
def test_a_partner_submits_an_update_through_the_api(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    response = api(world.partner_a).post(UPDATES, _update(project, submit=True), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["state"] == "submitted"
    assert response.json()["indicator_values"][0]["name"] == "Clinics open"


@time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC), tick=False)
def test_no_change_through_the_api(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    response = api(world.partner_a).post(UPDATES, _update(project, no_change=True), format="json")
    assert (response.status_code, response.json()["no_change"]) == (201, True)


@time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC), tick=False)
def test_another_partner_cannot_submit_through_the_api(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    draft = make_project(owner=world.org_a, swg=world.swg_x)
    client = api(world.partner_b)
    assert client.post(UPDATES, _update(project), format="json").status_code == 403
    assert client.post(UPDATES, _update(draft), format="json").status_code == 404


@time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC), tick=False)
def test_api_submission_errors_name_the_field(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    response = api(world.partner_a).post(
        UPDATES, _update(project, narrative="", submit=True), format="json"
    )
    assert response.status_code == 400
    assert "narrative" in response.json()


def test_it_removes_direction_controls_from_what_it_receives(world):
    body = new_project(world, title_en="\u202eMobile clinics", comments="a\u2066b\u2069")
    response = api(world.partner_a).post(LIST, body, format="json")
    assert response.status_code == 201, response.json()
    project = Project.objects.get(pk=response.json()["id"])
    assert (project.title_en, project.comments) == ("Mobile clinics", "ab")
