import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from projects_db.models import QuarterlyUpdate
from projects_db.services.updates import update_no_change, update_save_draft, update_submit
from tests.factories import make_project

pytestmark = pytest.mark.django_db
State = QuarterlyUpdate.State


@pytest.fixture(autouse=True)
def _october_2026():
    with time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def project(world):
    return make_project(owner=world.org_a, swg=world.swg_x, publish=True)


def _form(**overrides):
    return {
        "narrative": "Two clinics opened.",
        "new_status": "",
        "new_status_reason": "",
        "disbursed_to_date": "",
        "issues": "",
        "indicators-TOTAL_FORMS": 1,
        "indicators-INITIAL_FORMS": 0,
        "indicators-0-name": "Clinics open",
        "indicators-0-unit": "clinics",
        "indicators-0-value": "2",
        "indicators-0-comment": "",
        **overrides,
    }


def test_my_updates_says_what_is_due(client, world, project):
    make_project(owner=world.org_a, swg=world.swg_x, publish=True, title_en="Second")
    update_no_change(project=project, year=2026, quarter=3, by=world.partner_a)
    client.force_login(world.partner_a)
    response = client.get(reverse("projects_db:update_list"))
    assert (
        "Q3 2026 update due <bdi>15 October</bdi> — 1 of 2 projects done"
        in response.content.decode()
    )


def test_it_hides_another_organizations_projects(client, world, project):
    client.force_login(world.partner_b)
    response = client.get(reverse("projects_db:update_list"))
    assert project.title_en not in response.content.decode()


def test_a_partner_submits_an_update(client, world, project):
    client.force_login(world.partner_a)
    url = reverse("projects_db:update_edit", args=[project.pk, 2026, 3])
    response = client.post(url, {**_form(), "submit": "1"})
    update = QuarterlyUpdate.objects.get(project=project)
    assert response.status_code == 302
    assert update.state == State.SUBMITTED
    assert update.indicator_values.get().name == "Clinics open"


def test_a_partner_saves_a_draft(client, world, project):
    client.force_login(world.partner_a)
    url = reverse("projects_db:update_edit", args=[project.pk, 2026, 3])
    client.post(url, {**_form(), "save": "1"})
    assert QuarterlyUpdate.objects.get(project=project).state == State.DRAFT


def test_an_empty_submission_comes_back_with_the_error(client, world, project):
    client.force_login(world.partner_a)
    url = reverse("projects_db:update_edit", args=[project.pk, 2026, 3])
    response = client.post(url, {**_form(narrative=""), "submit": "1"})
    assert response.status_code == 400
    assert "No change this quarter" in response.content.decode()


def test_no_change_is_one_click(client, world, project):
    client.force_login(world.partner_a)
    url = reverse("projects_db:update_no_change", args=[project.pk, 2026, 3])
    assert client.post(url).status_code == 302
    assert QuarterlyUpdate.objects.get(project=project).no_change


def test_another_partner_cannot_report_on_the_project(client, world, project):
    client.force_login(world.partner_b)
    url = reverse("projects_db:update_edit", args=[project.pk, 2026, 3])
    assert client.post(url, {**_form(), "submit": "1"}).status_code == 403


def _submitted(project, world):
    update = update_save_draft(
        project=project, year=2026, quarter=3, by=world.partner_a, narrative="x"
    )
    return update_submit(update=update, by=world.partner_a)


def test_the_secretariat_returns_with_a_comment(client, world, project):
    update = _submitted(project, world)
    client.force_login(world.secretariat_x)
    url = reverse("projects_db:update_return", args=[update.pk])
    assert client.post(url, {"review_comment": "Add figures."}).status_code == 302
    update.refresh_from_db()
    assert (update.state, update.review_comment) == (State.RETURNED, "Add figures.")


def test_a_return_needs_a_comment(client, world, project):
    update = _submitted(project, world)
    client.force_login(world.secretariat_x)
    response = client.post(reverse("projects_db:update_return", args=[update.pk]), {})
    assert response.status_code == 400


def test_the_secretariat_accepts(client, world, project):
    update = _submitted(project, world)
    client.force_login(world.secretariat_x)
    client.post(reverse("projects_db:update_accept", args=[update.pk]))
    update.refresh_from_db()
    assert update.state == State.ACCEPTED
    response = client.get(reverse("projects_db:update_detail", args=[update.pk]))
    assert "Accept</button>" not in response.content.decode()


def test_a_partner_cannot_review(client, world, project):
    update = _submitted(project, world)
    client.force_login(world.partner_a)
    assert client.post(reverse("projects_db:update_accept", args=[update.pk])).status_code == 403


def test_an_accepted_update_opens_read_only(client, world, project):
    update = _submitted(project, world)
    client.force_login(world.secretariat_x)
    client.post(reverse("projects_db:update_accept", args=[update.pk]))
    client.force_login(world.partner_a)
    response = client.get(reverse("projects_db:update_edit", args=[project.pk, 2026, 3]))
    assert response["Location"] == reverse("projects_db:update_detail", args=[update.pk])


def test_the_board_shows_partners_and_exports(client, world, project):
    update_no_change(project=project, year=2026, quarter=3, by=world.partner_a)
    client.force_login(world.coordination)
    response = client.get(reverse("projects_db:submission_board"), {"year": 2026})
    assert world.org_a.name in response.content.decode()
    export = client.get(reverse("projects_db:submission_board_export", args=["csv"]))
    text = b"".join(export.streaming_content).decode()
    assert "Submitted" in text and "On time" in text


def test_partners_do_not_see_the_board(client, world):
    client.force_login(world.partner_a)
    assert client.get(reverse("projects_db:submission_board")).status_code == 403


def test_the_partners_project_list_says_what_is_due(client, world, project):
    client.force_login(world.partner_a)
    response = client.get(reverse("projects_db:project_list"))
    assert (
        "Q3 2026 update due <bdi>15 October</bdi> — 0 of 1 projects done"
        in response.content.decode()
    )
