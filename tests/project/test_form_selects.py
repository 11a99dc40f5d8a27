"""Forms that pick an organization render a searchable select, not the directory
(docs/architecture.md "Searchable selects"): with 300 more organizations and
people the page holds the same options and runs the same queries, and a chosen
value still saves."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects_db.models import Project, Transaction
from swg.models import Correspondence
from tests.factories import (
    ContactFactory,
    OrganizationFactory,
    held_meeting,
    make_project,
    plan_meeting,
)
from tests.projects_db.views.test_projects import form_data

pytestmark = pytest.mark.django_db

EXTRA = 300


def _measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().count("<option"), len(queries)


def _grow_directory():
    for org in OrganizationFactory.create_batch(EXTRA):
        ContactFactory(organization=org)


def _pages(world):
    project = make_project(owner=world.org_a, swg=world.swg_x)
    project.participants.create(organization=world.org_b, role=1)
    Transaction.objects.create(
        project=project,
        type=Transaction.Type.DISBURSEMENT,
        value=10,
        currency="USD",
        value_date=timezone.localdate(),
        provider=world.org_b,
    )
    held, planned = held_meeting(world), plan_meeting(world)
    org = world.org_a
    return [
        (world.coordination, "/correspondence/new/"),
        (world.secretariat_x, "/projects/new/"),
        (world.secretariat_x, f"/projects/{project.pk}/edit/"),
        (world.partner_a, f"/projects/{project.pk}/edit/"),
        (world.secretariat_x, reverse("projects_db:project_import")),
        (world.partner_a, reverse("projects_db:project_import")),
        (world.coordination, reverse("swg:contact_create")),
        (world.coordination, reverse("swg:organization_create")),
        (world.coordination, reverse("swg:organization_edit", args=[org.pk])),
        (world.coordination, reverse("swg:focal_point_add", args=[org.pk])),
        (world.secretariat_x, reverse("swg:membership_add", args=[world.swg_x.slug])),
        (world.secretariat_x, reverse("swg:attendance_add", args=[held.pk])),
        (world.secretariat_x, reverse("swg:meeting_invitations", args=[planned.pk])),
    ]


def test_organization_pickers_do_not_grow_with_the_directory(client, world):
    pages = _pages(world)
    before = {}
    for user, url in pages:
        client.force_login(user)
        before[user.pk, url] = _measure(client, url)
    _grow_directory()
    for user, url in pages:
        client.force_login(user)
        options, queries = _measure(client, url)
        assert (options, queries) == before[user.pk, url], url
        assert options < EXTRA, url  # reference lists only (districts, sectors)


def test_the_edit_page_shows_the_chosen_organizations(client, world):
    project = make_project(owner=world.org_a, swg=world.swg_x)
    project.participants.create(organization=world.org_b, role=1)
    client.force_login(world.secretariat_x)
    page = client.get(f"/projects/{project.pk}/edit/").content.decode()
    assert 'data-search-url="/search/organizations/"' in page
    assert f'<option value="{world.org_b.pk}" selected>' in page
    assert f'<option value="{world.org_a.pk}" selected>' in page


def test_a_project_saves_organizations_chosen_among_many(client, world):
    _grow_directory()
    late = OrganizationFactory(name_en="Late donor")
    client.force_login(world.secretariat_x)
    response = client.post(
        "/projects/new/",
        form_data(
            world,
            owner=late.pk,
            **{"participants-0-organization": late.pk},
        ),
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.owner == late
    assert project.participants.filter(organization=late).exists()


def _letter(from_organization, to_organization, **fields) -> dict:
    """A register entry's form data: an incoming letter between two organizations."""
    return {
        "reference": "NV-1",
        "date": timezone.localdate().isoformat(),
        "direction": "in",
        "kind": "letter",
        "channel": "direct",
        "from_organization": from_organization,
        "to_organization": to_organization,
        "follow_up_status": "none",
        **fields,
    }


def test_correspondence_saves_organizations_chosen_among_many(client, world):
    _grow_directory()
    sender = OrganizationFactory(name_en="Late sender")
    client.force_login(world.coordination)
    response = client.post(
        "/correspondence/new/",
        _letter(sender.pk, world.ministry.pk, subject_en="Letter"),
    )
    assert response.status_code == 302
    entry = Correspondence.objects.get()
    assert (entry.from_organization, entry.to_organization) == (sender, world.ministry)


def test_an_unknown_organization_is_rejected(client, world):
    client.force_login(world.coordination)
    response = client.post("/correspondence/new/", _letter(999999, world.ministry.pk))
    assert "from_organization" in response.context["form"].errors
    assert not Correspondence.objects.exists()
