"""Restructuring keeps history (assessment Annex 2a; DESIGN §2)."""

import datetime as dt
import re

from django.utils import timezone

from swg.models import SWG, Membership, StructureChange, Subsector
from swg.selectors.structure import swg_as_of

TODAY = timezone.localdate


def _post(client, world, slug, kind, data):
    client.force_login(world.coordination)
    data = {"effective_on": TODAY().isoformat(), **data}
    return client.post(f"/swg/{slug}/restructure/{kind}/", data)


def _as_of_box(html):
    return re.search(r'data-testid="as-of">(.*?)</div>', html, re.S).group(1)


def test_it_renames_a_group(client, world):
    response = _post(
        client, world, "health", "rename", {"name_en": "Health and Environment", "name_ar": "x"}
    )
    assert response.status_code == 302
    assert SWG.objects.get(slug="health").name_en == "Health and Environment"
    html = client.get("/swg/health/").content.decode()
    assert '<h1 class="h3 mb-1"><bdi>Health and Environment</bdi></h1>' in html
    assert "Renamed from “Health” to “Health and Environment”" in html


def test_it_shows_the_old_name_as_of_an_earlier_date(client, world):
    _post(client, world, "health", "rename", {"name_en": "Public Health", "name_ar": "الصحة"})
    html = client.get("/swg/health/?on=2013-06-01").content.decode()
    assert "<strong><bdi>Health</bdi></strong>" in _as_of_box(html)
    historical, _subsectors = swg_as_of(swg=world.swg_x, on=dt.date(2013, 6, 1))
    assert historical.name_en == "Health"


def test_it_shows_a_backdated_rename_from_its_effective_date(client, world):
    # The form asks "Effective on": the structure as of a later date has the new name.
    _post(
        client,
        world,
        "health",
        "rename",
        {"name_en": "Public Health", "name_ar": "الصحة العامة", "effective_on": "2020-01-01"},
    )
    html = client.get("/swg/health/?on=2021-01-01").content.decode()
    assert "<strong><bdi>Public Health</bdi></strong>" in _as_of_box(html)


def test_it_says_the_group_did_not_exist_before_its_creation(client, world):
    client.force_login(world.coordination)
    html = client.get("/swg/health/?on=2012-01-01").content.decode()
    assert "the group did not exist yet." in _as_of_box(html)


def test_it_moves_a_subsector_and_keeps_where_it_was(client, world):
    constitution = Subsector.objects.get(swg__slug="political-support", slug="constitution")
    justice = SWG.objects.get(slug="justice-human-rights")
    response = _post(
        client,
        world,
        "political-support",
        "subsector-move",
        {"subsector": constitution.pk, "to_swg": justice.pk},
    )
    assert response.status_code == 302
    assert Subsector.objects.get(pk=constitution.pk).swg == justice
    html = client.get("/swg/political-support/?on=2013-06-01").content.decode()
    assert "Constitution" in _as_of_box(html)
    assert "Subsector “Constitution” moved from Political Support to Justice" in html


def test_it_merges_a_group_and_ends_its_memberships(client, world):
    eud = Membership.objects.get(swg=world.swg_y, organization=world.org_b)
    response = _post(client, world, "health", "merge", {"sources": [world.swg_y.pk]})
    assert response.status_code == 302
    eud.refresh_from_db()
    assert (eud.end_date, eud.end_reason) == (TODAY(), "Group restructured")
    education = SWG.objects.get(pk=world.swg_y.pk)
    assert not education.is_active
    assert list(education.replaced_by.all()) == [world.swg_x]
    assert "Education merged into Health" in client.get("/swg/health/").content.decode()


def test_it_keeps_the_merged_groups_members_on_its_page(client, world):
    _post(client, world, "health", "merge", {"sources": [world.swg_y.pk]})
    html = client.get("/swg/education/").content.decode()
    assert "EU Delegation to Libya" in html
    assert "Group restructured" in html


def test_it_splits_off_a_new_group_with_subsectors(client, world):
    election = Subsector.objects.get(swg__slug="political-support", slug="election")
    response = _post(
        client,
        world,
        "political-support",
        "split",
        {"name_en": "Electoral Support", "name_ar": "دعم الانتخابات", "subsectors": [election.pk]},
    )
    new = SWG.objects.get(name_en="Electoral Support")
    assert response.status_code == 302 and response["Location"] == f"/swg/{new.slug}/"
    assert Subsector.objects.get(pk=election.pk).swg == new
    assert StructureChange.objects.filter(kind="split", swg__slug="political-support").exists()
    assert (
        "Electoral Support split off from Political Support"
        in client.get("/swg/political-support/").content.decode()
    )


def test_it_retires_a_group_with_its_replacement(client, world):
    response = _post(
        client,
        world,
        "education",
        "retire",
        {"replaced_by": [world.swg_x.pk], "note": "Folded into Health"},
    )
    assert response.status_code == 302
    education = SWG.objects.get(pk=world.swg_y.pk)
    assert not education.is_active and education.active_until == TODAY()
    assert Membership.objects.filter(swg=education, end_date=TODAY()).count() == 1
    html = client.get("/swg/education/").content.decode()
    assert "Retired" in html and "Folded into Health" in html


def test_it_lists_the_creation_from_the_reference_data(client, world):
    client.force_login(world.partner_a)
    html = client.get("/swg/health/").content.decode()
    assert "14 Jan 2013" in html and "Created as Health" in html


def test_it_refuses_a_rename_without_a_name_at_the_field(client, world):
    response = _post(client, world, "health", "rename", {"name_en": "", "name_ar": ""})
    assert response.status_code == 200
    assert 'id="error_1_id_name_en"' in response.content.decode()
    assert SWG.objects.get(slug="health").name_en == "Health"


def test_it_forbids_the_secretariat_to_restructure(client, world):
    client.force_login(world.secretariat_x)
    response = client.post(
        "/swg/health/restructure/rename/",
        {"name_en": "Renamed", "name_ar": "", "effective_on": TODAY().isoformat()},
    )
    assert response.status_code == 403
    assert SWG.objects.get(slug="health").name_en == "Health"


def test_it_forbids_the_chair_to_merge(client, world):
    client.force_login(world.chair)
    response = client.post("/swg/health/restructure/merge/", {"sources": [world.swg_y.pk]})
    assert response.status_code == 403
    assert SWG.objects.get(pk=world.swg_y.pk).is_active


def test_it_answers_404_for_an_unknown_kind(client, world):
    client.force_login(world.coordination)
    assert client.get("/swg/health/restructure/explode/").status_code == 404
