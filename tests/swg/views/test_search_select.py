"""The searchable selects (coordination/search_select.py): organizations and
people found as one types, bounded and scoped (swg/permissions.py), the group's
people first, in the reader's language; filters never list every organization."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.search_select import SEARCH_LIMIT
from swg.models import Membership
from tests.factories import ContactFactory, OrganizationFactory


def _texts(response):
    return [r["text"] for r in response.json()["results"]]


def test_it_finds_organizations_by_name_acronym_or_arabic_name(client, world):
    client.force_login(world.partner_b)
    assert any("WHO" in t for t in _texts(client.get("/search/organizations/?q=who")))
    world.org_a.name_ar = "منظمة الصحة العالمية"
    world.org_a.save()
    found = client.get("/search/organizations/?q=الصحة")
    assert str(world.org_a.pk) in [r["id"] for r in found.json()["results"]]
    assert str(world.org_b.pk) not in [r["id"] for r in found.json()["results"]]


def test_it_answers_at_most_the_limit_in_a_fixed_number_of_queries(client, world):
    OrganizationFactory.create_batch(SEARCH_LIMIT + 15, name_en="Relief Agency")
    client.force_login(world.secretariat_x)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/organizations/?q=relief")
    assert len(response.json()["results"]) == SEARCH_LIMIT
    assert len(queries) <= 6


def test_it_sorts_in_the_readers_language(client, world):
    OrganizationFactory(name_en="Alpha Aid", name_ar="يونس للإغاثة", acronym="ZZA")
    OrganizationFactory(name_en="Zulu Aid", name_ar="أمل للإغاثة", acronym="ZZB")
    client.force_login(world.secretariat_x)
    english = _texts(client.get("/search/organizations/?q=aid"))
    assert english.index(next(t for t in english if "Alpha" in t)) < english.index(
        next(t for t in english if "Zulu" in t)
    )
    world.secretariat_x.language = "ar"
    world.secretariat_x.save()
    arabic = _texts(client.get("/search/organizations/?q=aid", HTTP_ACCEPT_LANGUAGE="ar"))
    assert arabic.index(next(t for t in arabic if "أمل" in t)) < arabic.index(
        next(t for t in arabic if "يونس" in t)
    )


def test_it_lists_the_groups_people_first_with_their_organization(client, world):
    outsider = ContactFactory(name_en="Aaron Outside", organization=OrganizationFactory())
    client.force_login(world.secretariat_x)
    results = client.get(f"/search/people/?swg={world.swg_x.slug}").json()["results"]
    ids = [r["id"] for r in results]
    assert ids.index(str(world.contact_a.pk)) < ids.index(str(outsider.pk))
    who = next(r for r in results if r["id"] == str(world.contact_a.pk))
    assert "Amina Haddad" in who["text"] and "World Health Organization" in who["text"]
    assert who["group"] == "People of the group"


def test_it_narrows_people_to_the_chosen_organization(client, world):
    client.force_login(world.secretariat_x)
    results = client.get(f"/search/people/?organization={world.org_a.pk}").json()["results"]
    assert results and all("World Health Organization" in r["text"] for r in results)


def test_a_partner_finds_only_the_people_they_may_see(client, world):
    client.force_login(world.partner_b)
    ids = [r["id"] for r in client.get("/search/people/?q=amina").json()["results"]]
    assert str(world.contact_a.pk) not in ids


def test_the_contact_filter_renders_only_the_chosen_organization(client, world):
    OrganizationFactory.create_batch(40)
    client.force_login(world.secretariat_x)
    html = client.get(f"/contacts/?organization={world.org_b.pk}").text
    select = re.search(r'<select name="organization".*?</select>', html, re.S).group(0)
    assert 'data-search-url="/search/organizations/"' in select
    assert len(re.findall(r"<option", select)) == 2  # the empty choice and the chosen one
    assert f'value="{world.org_b.pk}" selected' in select


def test_the_action_point_form_offers_the_groups_people_first(client, world):
    from tests.factories import draft_minutes

    minutes = draft_minutes(world)
    ContactFactory.create_batch(30)  # people of no member organization
    client.force_login(world.secretariat_x)
    html = client.get(
        f"/meetings/{minutes.meeting_id}/minutes/{minutes.pk}/action-points/add/"
    ).text
    person = re.search(r'<select name="owner_contact".*?</select>', html, re.S).group(0)
    assert "Amina Haddad" in person
    assert 'data-search-depends="owner_organization"' in person
    group = Membership.objects.active().filter(swg=world.swg_x).count()
    assert len(re.findall(r"<option", person)) <= group + 3


def test_it_finds_only_active_government_bodies_when_asked(client, world):
    body = OrganizationFactory(name_en="Relief Authority", org_type="gov_body")
    OrganizationFactory(name_en="Relief Authority (closed)", org_type="gov_body", is_active=False)
    OrganizationFactory(name_en="Relief Agency", org_type="ingo")
    client.force_login(world.partner_a)
    found = client.get("/search/organizations/?q=relief&government=1").json()["results"]
    assert [r["id"] for r in found] == [str(body.pk)]
