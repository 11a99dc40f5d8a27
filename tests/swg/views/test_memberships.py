"""Membership pages of a group: adding, editing and ending members, the rules
shown at their fields, and the warning past ten member organizations."""

import datetime as dt

from django.utils import timezone

from swg.models import Membership
from swg.services.memberships import membership_add, membership_end
from tests.factories import OrganizationFactory


def _add_url(world):
    return f"/swg/{world.swg_x.slug}/members/add/"


def _post_add(client, world, swg=None, **data):
    data.setdefault("start_date", timezone.localdate().isoformat())
    return client.post(f"/swg/{(swg or world.swg_x).slug}/members/add/", data)


def _who_membership(world):
    return Membership.objects.get(swg=world.swg_x, organization=world.org_a)


def test_it_warns_past_ten_member_organizations(client, world):
    for _ in range(8):  # Health already has WHO and the Ministry of Health: 10 in all
        membership_add(swg=world.swg_x, role="member", organization=OrganizationFactory())
    eleventh = OrganizationFactory()
    client.force_login(world.secretariat_x)
    response = client.post(
        _add_url(world),
        {"organization": eleventh.pk, "role": "member", "start_date": timezone.localdate()},
        follow=True,
    )
    assert response.status_code == 200
    assert "now has 11 member organizations" in response.content.decode()


def test_it_does_not_warn_at_ten_member_organizations(client, world):
    for _ in range(7):
        membership_add(swg=world.swg_x, role="member", organization=OrganizationFactory())
    client.force_login(world.secretariat_x)
    response = client.post(
        _add_url(world),
        {"organization": OrganizationFactory().pk, "role": "member", "start_date": "2025-01-01"},
        follow=True,
    )
    assert "Member added." in response.content.decode()
    assert "member organizations; the assessment recommends" not in response.content.decode()


def test_it_adds_a_member_through_the_page(client, world):
    client.force_login(world.secretariat_x)
    response = _post_add(
        client, world, organization=world.org_b.pk, role="supporting", task_en="Funds clinics"
    )
    assert response.status_code == 302
    assert Membership.objects.filter(
        swg=world.swg_x, organization=world.org_b, task_en="Funds clinics"
    ).exists()


def test_it_forbids_a_partner_to_add_a_member(client, world):
    client.force_login(world.partner_a)
    response = _post_add(client, world, organization=world.org_b.pk, role="member")
    assert response.status_code == 403
    assert not Membership.objects.filter(swg=world.swg_x, organization=world.org_b).exists()


def test_it_shows_the_chair_rule_at_the_role_field(client, world):
    client.force_login(world.secretariat_y)
    response = _post_add(client, world, swg=world.swg_y, organization=world.org_a.pk, role="chair")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error_1_id_role"' in html
    assert "The chair represents the government" in html
    assert not Membership.objects.filter(swg=world.swg_y, organization=world.org_a).exists()


def test_it_shows_a_missing_member_at_the_field(client, world):
    client.force_login(world.secretariat_x)
    response = _post_add(client, world, role="member", task_en="Nobody")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error_1_id_organization"' in html
    assert "Choose an organization, a person, or both." in html


def test_it_shows_a_person_of_another_organization_at_the_contact_field(client, world):
    client.force_login(world.secretariat_x)
    response = _post_add(
        client, world, organization=world.org_a.pk, contact=world.contact_b.pk, role="member"
    )
    assert 'id="error_1_id_contact"' in response.content.decode()
    assert "This person works for another organization." in response.content.decode()


def test_it_ends_a_membership_and_keeps_the_row(client, world):
    membership = _who_membership(world)
    client.force_login(world.secretariat_x)
    response = client.post(
        f"/swg/{world.swg_x.slug}/members/{membership.pk}/end/",
        {"end_date": timezone.localdate().isoformat(), "reason": "Programme closed"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == timezone.localdate()
    assert membership.end_reason == "Programme closed"


def test_it_shows_an_ended_membership_to_the_secretariat(client, world):
    membership_end(membership=_who_membership(world), reason="Programme closed")
    client.force_login(world.secretariat_x)
    html = client.get(f"/swg/{world.swg_x.slug}/").content.decode()
    assert "World Health Organization" in html
    assert "ended" in html and "Programme closed" in html


def test_it_hides_an_ended_membership_from_members(client, world):
    eud, _warning = membership_add(
        swg=world.swg_x, role="member", organization=world.org_b, start_date=dt.date(2024, 1, 1)
    )
    membership_end(membership=eud, end_date=dt.date(2025, 1, 1), reason="Closed")
    client.force_login(world.partner_a)
    html = client.get(f"/swg/{world.swg_x.slug}/").content.decode()
    assert "World Health Organization" in html
    assert "EU Delegation" not in html


def test_it_refuses_an_end_date_before_the_start_at_the_field(client, world):
    membership = _who_membership(world)
    client.force_login(world.secretariat_x)
    response = client.post(
        f"/swg/{world.swg_x.slug}/members/{membership.pk}/end/", {"end_date": "2000-01-01"}
    )
    assert response.status_code == 200
    assert 'id="error_1_id_end_date"' in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).end_date is None


def test_it_edits_the_task_through_the_page(client, world):
    membership = _who_membership(world)
    client.force_login(world.chair)
    response = client.post(
        f"/swg/{world.swg_x.slug}/members/{membership.pk}/edit/",
        {"role": "technical_lead", "task_en": "Leads the vaccination work"},
    )
    assert response.status_code == 302
    assert Membership.objects.get(pk=membership.pk).task == "Leads the vaccination work"


def test_it_isolates_an_english_name_on_the_arabic_page(client, world):
    # No Arabic name: the English one is shown, inside the Arabic table (DESIGN §2).
    un_women = OrganizationFactory(name_en="UN Women", name_ar="", acronym="UNW")
    membership_add(swg=world.swg_x, role="member", organization=un_women, task_en="Gender data")
    client.force_login(world.chair)  # reads Arabic
    html = client.get(f"/swg/{world.swg_x.slug}/").content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert f'<a href="/organizations/{un_women.pk}/"><bdi>UN Women (UNW)</bdi></a>' in html
    assert "<td><bdi>Gender data</bdi></td>" in html
