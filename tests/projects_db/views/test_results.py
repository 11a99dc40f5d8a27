import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from projects_db.models import IndicatorMeasurement, IndicatorTarget, Objective, SectorGoal
from projects_db.services.results import measurement_record, target_set
from tests.factories import make_indicator, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(world):
    return make_indicator(world)


def _values(indicator, by, *points):
    for year, quarter, value in points:
        measurement_record(
            indicator=indicator, year=year, quarter=quarter, value=Decimal(value), by=by
        )


def test_the_framework_shows_goals_objectives_and_the_latest_value_against_target(
    client, world, indicator
):
    _values(indicator, world.secretariat_x, (2026, 1, 44), (2026, 2, 51))
    target_set(indicator=indicator, year=2026, quarter=0, value=Decimal(60), by=world.secretariat_x)
    client.force_login(world.partner_a)
    response = client.get(reverse("projects_db:results_framework", args=["health"]))
    html = response.content.decode()
    assert "Basic health care for everybody" in html and "Clinics open in the south" in html
    assert "51.00" in html and "60.00" in html and "85%" in html
    assert "Add a goal" not in html  # partners read only


def test_the_indicator_page_draws_the_values_against_targets(client, world, indicator):
    _values(indicator, world.secretariat_x, (2026, 1, 44), (2026, 2, 51))
    target_set(indicator=indicator, year=2026, quarter=2, value=Decimal(50), by=world.secretariat_x)
    client.force_login(world.secretariat_x)
    html = client.get(reverse("projects_db:indicator_detail", args=[indicator.pk])).content.decode()
    svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", html, re.S).group(0)
    assert "<title>2026-Q1: 44</title>" in svg and "<title>2026-Q2: 51</title>" in svg
    assert "<title>2026-Q2: 50</title>" in svg  # the target
    table = html.split('data-testid="progress"')[1]
    assert "44.00" in table and "51.00" in table and "50.00" in table


def test_a_chart_with_a_single_value_renders(client, world):
    indicator = make_indicator(world, baseline_value=None)
    _values(indicator, world.secretariat_x, (2026, 1, 7))
    client.force_login(world.secretariat_x)
    response = client.get(reverse("projects_db:indicator_detail", args=[indicator.pk]))
    assert response.status_code == 200
    assert "<title>2026-Q1: 7</title>" in response.content.decode()


def test_the_secretariat_adds_a_goal_an_objective_and_an_indicator(client, world):
    client.force_login(world.secretariat_x)
    response = client.post(
        reverse("projects_db:goal_create", args=["health"]),
        {"text_en": "Healthy mothers", "text_ar": "أمهات بصحة جيدة", "order": 1},
    )
    assert response.status_code == 302
    goal = SectorGoal.objects.get(swg=world.swg_x)
    client.post(
        reverse("projects_db:objective_create", args=[goal.pk]),
        {"text_en": "Skilled birth attendance", "text_ar": "", "order": 1},
    )
    objective = Objective.objects.get(goal=goal)
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    response = client.post(
        reverse("projects_db:indicator_create", args=["health"]),
        {
            "objective": objective.pk,
            "name_en": "Births attended by a midwife",
            "name_ar": "",
            "unit": "%",
            "baseline_value": "62",
            "baseline_date": "2024-12-31",
            "national_priority": "",
            "projects": [project.pk],
        },
    )
    indicator = objective.indicators.get()
    assert response["Location"] == reverse("projects_db:indicator_detail", args=[indicator.pk])
    assert list(indicator.projects.all()) == [project]


def test_a_target_without_a_period_is_refused(client, world, indicator):
    client.force_login(world.secretariat_x)
    response = client.post(
        reverse("projects_db:target_add", args=[indicator.pk]),
        {"year": "", "quarter": 0, "value": "60"},
    )
    assert response.status_code == 400 and not IndicatorTarget.objects.exists()


def test_a_second_value_for_a_period_says_to_edit_the_first(client, world, indicator):
    _values(indicator, world.secretariat_x, (2026, 1, 44))
    client.force_login(world.secretariat_x)
    response = client.post(
        reverse("projects_db:measurement_add", args=[indicator.pk]),
        {"year": 2026, "quarter": 1, "value": "45", "note": ""},
    )
    assert response.status_code == 400
    assert "already recorded; edit it instead" in response.content.decode()
    assert IndicatorMeasurement.objects.get().value == 44


def test_another_groups_secretariat_may_read_but_not_edit(client, world, indicator):
    client.force_login(world.secretariat_y)
    assert (
        client.get(reverse("projects_db:indicator_detail", args=[indicator.pk])).status_code == 200
    )
    url = reverse("projects_db:measurement_add", args=[indicator.pk])
    assert client.post(url, {"year": 2026, "quarter": 1, "value": "1"}).status_code == 403
    assert not IndicatorMeasurement.objects.exists()


def test_an_outside_partner_does_not_find_the_indicator(client, world, indicator):
    client.force_login(world.partner_b)
    assert (
        client.get(reverse("projects_db:indicator_detail", args=[indicator.pk])).status_code == 404
    )
    assert client.get(reverse("projects_db:indicator_edit", args=[indicator.pk])).status_code == 404


def test_the_coordination_team_edits_a_national_priority(client, world):
    from projects_db.models import NationalPriority

    priority = NationalPriority.objects.get(code="NP-05")
    client.force_login(world.coordination)
    data = {
        "code": "NP-05",
        "name_en": "Health for all",
        "name_ar": priority.name_ar,
        "description_en": "",
        "description_ar": "",
        "required_funding_usd": "1000000",
        "order": priority.order,
        "is_active": "on",
    }
    response = client.post(reverse("projects_db:priority_edit", args=[priority.pk]), data)
    assert response.status_code == 302
    priority.refresh_from_db()
    assert priority.name_en == "Health for all" and priority.required_funding_usd == 1_000_000
    client.force_login(world.secretariat_x)
    assert (
        client.post(reverse("projects_db:priority_edit", args=[priority.pk]), data).status_code
        == 403
    )


def test_the_update_form_offers_the_projects_indicators(client, world):
    with time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC), tick=False):
        project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
        indicator = make_indicator(world, projects=[project])
        make_indicator(world, name_en="Not linked to this project")
        client.force_login(world.partner_a)
        url = reverse("projects_db:update_edit", args=[project.pk, 2026, 3])
        html = client.get(url).content.decode()
        assert indicator.name_en in html and "Not linked to this project" not in html
        response = client.post(
            url,
            {
                "narrative": "Two clinics opened.",
                "indicators-TOTAL_FORMS": 1,
                "indicators-INITIAL_FORMS": 0,
                "indicators-0-indicator": indicator.pk,
                "indicators-0-name": "",
                "indicators-0-unit": "",
                "indicators-0-value": "2",
                "indicators-0-comment": "",
            },
        )
        assert response.status_code == 302
        value = project.updates.get().indicator_values.get()
        assert (value.indicator, value.name, value.unit) == (
            indicator,
            indicator.name_en,
            "clinics",
        )


def test_the_indicator_form_lists_only_its_linked_projects(client, world, indicator):
    linked, *others = [
        make_project(owner=world.org_a, swg=world.swg_x, title_en=f"Clinic {n}", publish=True)
        for n in range(4)
    ]
    indicator.projects.add(linked)
    client.force_login(world.secretariat_x)
    html = client.get(reverse("projects_db:indicator_edit", args=[indicator.pk])).content.decode()
    select = re.search(r'<select name="projects"[^>]*>(.*?)</select>', html, re.S)
    assert re.findall(r'<option value="(\d+)"', select.group(1)) == [str(linked.pk)]
    assert f"/projects/search/?swg={world.swg_x.pk}" in select.group(0)
