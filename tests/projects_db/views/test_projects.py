import datetime as dt
import re
from decimal import Decimal

import pytest

from projects_db.models import District, Project, Transaction
from tests.factories import OrganizationFactory, make_project

pytestmark = pytest.mark.django_db


def form_data(world, **overrides):
    data = {
        "title_en": "Mobile clinics",
        "title_ar": "العيادات المتنقلة",
        "swg": world.swg_x.pk,
        "status": 2,
        "planned_start": "2025-01-01",
        "planned_end": "2025-12-31",
        "currency": "USD",
        "districts": [District.objects.get(code="LY-SB").pk],
        "participants-TOTAL_FORMS": 2,
        "participants-INITIAL_FORMS": 0,
        "participants-0-organization": world.org_a.pk,
        "participants-0-role": 4,
        "participants-1-organization": world.org_a.pk,
        "participants-1-role": 1,
        "budgets-TOTAL_FORMS": 1,
        "budgets-INITIAL_FORMS": 0,
        "budgets-0-period_start": "2025-01-01",
        "budgets-0-period_end": "2025-12-31",
        "budgets-0-value": "5000",
        "budgets-0-currency": "EUR",
        "budgets-0-status": 1,
        "transactions-TOTAL_FORMS": 0,
        "transactions-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


def test_a_partner_creates_a_project_with_the_form(client, world):
    client.force_login(world.partner_a)
    response = client.post("/projects/new/", form_data(world))
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    assert project.owner == world.org_a
    assert project.budgets.get().currency == "EUR"
    assert project.participants.count() == 2


def test_the_form_shows_errors_at_the_field(client, world):
    client.force_login(world.partner_a)
    response = client.post("/projects/new/", form_data(world, planned_end="2024-01-01"))
    assert response.status_code == 200
    assert "The end is before the start." in response.content.decode()
    assert not Project.objects.exists()


def test_a_partner_cannot_post_a_project_for_another_organization(client, world):
    client.force_login(world.partner_a)
    client.post("/projects/new/", form_data(world, owner=world.org_b.pk))
    assert Project.objects.get().owner == world.org_a  # the field is fixed to theirs


def test_a_secretariat_cannot_create_in_another_swg(client, world):
    client.force_login(world.secretariat_y)
    response = client.post("/projects/new/", form_data(world, owner=world.org_a.pk))
    assert response.status_code == 200  # health is not among the choices
    assert not Project.objects.exists()


def test_editing_keeps_the_rows(client, world):
    project = make_project(owner=world.org_a, swg=world.swg_x)
    line = project.budgets.get()
    client.force_login(world.partner_a)
    page = client.get(f"/projects/{project.pk}/edit/")
    assert page.status_code == 200
    data = form_data(
        world,
        **{
            "participants-TOTAL_FORMS": 0,
            "budgets-INITIAL_FORMS": 1,
            "budgets-0-id": line.pk,
            "budgets-0-value": "7",
            "budgets-0-currency": "USD",
        },
    )
    response = client.post(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.value == 7


def test_publishing_shows_the_check_and_publishes(client, world):
    project = make_project(owner=world.org_a, swg=world.swg_x)
    client.force_login(world.partner_a)
    assert client.get(f"/projects/{project.pk}/publish/").status_code == 200
    response = client.post(f"/projects/{project.pk}/publish/")
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.is_published


def test_publishing_is_blocked_by_errors(client, world):
    project = make_project(owner=world.org_a, swg=world.swg_x, budgets=[])
    client.force_login(world.partner_a)
    response = client.post(f"/projects/{project.pk}/publish/")
    assert "Add the budget, one line per year." in response.content.decode()
    project.refresh_from_db()
    assert not project.is_published


def test_the_detail_page_shows_the_quality_check_to_editors(client, world):
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    client.force_login(world.partner_a)
    assert b'data-testid="quality"' in client.get(project.get_absolute_url()).content
    client.force_login(world.partner_b)
    assert b'data-testid="quality"' not in client.get(project.get_absolute_url()).content


def test_the_list_filters_and_totals_in_usd(client, world):
    make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    make_project(
        owner=world.org_b,
        swg=world.swg_y,
        publish=True,
        title_en="Schools",
        budgets=[
            {
                "period_start": dt.date(2025, 1, 1),
                "period_end": dt.date(2025, 12, 31),
                "value": Decimal(1000),
                "currency": "EUR",
            }
        ],
        transactions=[
            {
                "type": Transaction.Type.COMMITMENT,
                "value": Decimal(1000),
                "currency": "EUR",
                "value_date": dt.date(2025, 1, 1),
            }
        ],
    )
    client.force_login(world.partner_b)
    response = client.get("/projects/", {"swg": world.swg_y.pk})
    assert [p.title_en for p in response.context["page"]] == ["Schools"]
    assert response.context["totals"]["budget"] == Decimal(
        "1130"
    )  # EUR at the 2025 seed rate, 1.13
    everything = client.get("/projects/").context["totals"]
    assert everything["committed"] == Decimal("81130")
    assert everything["gap"] == Decimal("20000.00")


def test_the_list_finds_nationwide_projects_by_district(client, world):
    make_project(owner=world.org_a, swg=world.swg_x, publish=True, nationwide=True)
    client.force_login(world.partner_a)
    tripoli = District.objects.get(code="LY-TB")
    assert client.get("/projects/", {"district": tripoli.pk}).context["page"].paginator.count == 1


def test_the_portfolio_shows_the_gap_per_priority(client, world):
    from projects_db.models import NationalPriority

    priority = NationalPriority.objects.get(code="NP-05")
    priority.required_funding_usd = Decimal(1_000_000)
    priority.save()
    make_project(owner=world.org_a, swg=world.swg_x, publish=True, national_priority=priority)
    make_project(owner=world.org_a, swg=world.swg_x, national_priority=priority)  # draft
    client.force_login(world.partner_b)
    rows = client.get("/projects/portfolio/").context["by_priority"]
    row = next(r for r in rows if r["code"] == "NP-05")
    assert (row["required"], row["committed"], row["gap"]) == (1_000_000, 80_000, 920_000)


def test_the_history_page_names_who_changed_what(client, world):
    project = make_project(owner=world.org_a, swg=world.swg_x, by=world.partner_a)
    client.force_login(world.secretariat_x)
    response = client.get(f"/projects/{project.pk}/history/")
    assert str(world.partner_a) in response.content.decode()


def test_the_filter_form_starts_empty(client, world):
    client.force_login(world.partner_a)
    form = client.get("/projects/").context["filter"].form
    assert '<option value="" selected>' in str(form["status"])


def _beneficiary_options(response) -> list[str]:
    html = response.content.decode()
    select = re.search(r'<select name="beneficiaries"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r'<option value="(\d+)"', select.group(1))


def test_the_beneficiaries_list_only_the_chosen_ones(client, world):
    ministries = OrganizationFactory.create_batch(5, org_type="ministry")
    project = make_project(owner=world.org_a, swg=world.swg_x)
    project.beneficiaries.add(ministries[0])
    client.force_login(world.partner_a)
    response = client.get(f"/projects/{project.pk}/edit/")
    assert _beneficiary_options(response) == [str(ministries[0].pk)]
    assert "data-search-url=" in response.content.decode()


def test_two_beneficiaries_are_saved_and_a_non_government_one_refused(client, world):
    first, second = OrganizationFactory.create_batch(2, org_type="gov_body")
    client.force_login(world.partner_a)
    client.post("/projects/new/", form_data(world, beneficiaries=[first.pk, second.pk]))
    assert set(Project.objects.get().beneficiaries.all()) == {first, second}
    response = client.post("/projects/new/", form_data(world, beneficiaries=[world.org_b.pk]))
    assert response.status_code == 200
    assert Project.objects.count() == 1


def test_the_project_search_finds_visible_projects_of_the_group(client, world):
    wanted = make_project(owner=world.org_a, swg=world.swg_x, title_en="Cold chain", publish=True)
    make_project(owner=world.org_a, swg=world.swg_y, title_en="Cold chain too", publish=True)
    make_project(owner=world.org_b, swg=world.swg_x, title_en="Cold chain draft")
    client.force_login(world.partner_a)
    found = client.get(f"/projects/search/?swg={world.swg_x.pk}&q=cold+chain").json()["results"]
    assert [r["id"] for r in found] == [str(wanted.pk)]
    assert found[0]["text"] == "Cold chain"


def _detail_queries(client, project) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(project.get_absolute_url()).status_code == 200
    return len(queries)


def test_the_project_page_reads_each_relation_once(client, world):
    project = make_project(owner=world.org_a, swg=world.swg_x)
    client.force_login(world.partner_a)
    before = _detail_queries(client, project)
    for year in (2023, 2024, 2025):
        Transaction.objects.create(
            project=project,
            type=Transaction.Type.DISBURSEMENT,
            value=Decimal(10),
            currency="EUR",
            value_date=dt.date(year, 3, 1),
            provider=world.org_b,
        )
    project.participants.create(organization=world.org_b, role=1)
    # The quality check reads the relations the page prefetched: no second reading.
    assert _detail_queries(client, project) == before <= 16


def test_the_form_renders_no_hidden_template_rows(client, world):
    client.force_login(world.partner_a)
    html = client.get("/projects/new/").content.decode()
    assert "__prefix__" not in html
    assert 'name="transactions-1-value"' in html


def _edit_queries(client, project) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/projects/{project.pk}/edit/")
    assert response.status_code == 200
    return len(queries)


def test_the_edit_form_labels_its_rows_without_a_query_each(client, world):
    project = make_project(owner=world.org_a, swg=world.swg_x)
    client.force_login(world.partner_a)
    before = _edit_queries(client, project)
    donors = OrganizationFactory.create_batch(3)
    for donor in donors:
        project.participants.create(organization=donor, role=1)
        Transaction.objects.create(
            project=project,
            type=Transaction.Type.COMMITMENT,
            value=Decimal(10),
            currency="USD",
            value_date=dt.date(2025, 3, 1),
            provider=donor,
        )
    assert _edit_queries(client, project) == before
    html = client.get(f"/projects/{project.pk}/edit/").content.decode()
    assert html.count(f'<option value="{donors[2].pk}" selected>') == 2
