"""Focal points: a change of person is a new row, never an overwrite (DESIGN §3)."""

import datetime as dt

from swg.models import FocalPoint
from swg.services.memberships import focal_point_appoint
from tests.factories import ContactFactory


def _appoint_url(world):
    return f"/organizations/{world.org_a.pk}/focal-points/add/"


def _form(contact, appointed_on="2025-01-05", **extra):
    data = {"contact": contact.pk, "purpose": "swg", "appointed_on": appointed_on}
    return {**data, **extra}


def test_it_appoints_a_focal_point(client, world):
    client.force_login(world.partner_a)
    response = client.post(
        _appoint_url(world), _form(world.contact_a, swg=world.swg_x.pk, is_interim="on")
    )
    assert response.status_code == 302
    fp = FocalPoint.objects.get(organization=world.org_a)
    assert (fp.contact, fp.swg, fp.is_interim) == (world.contact_a, world.swg_x, True)


def test_it_ends_the_previous_focal_point_and_keeps_it(client, world):
    successor = ContactFactory(organization=world.org_a, name_en="Omar Saleh")
    focal_point_appoint(
        organization=world.org_a,
        contact=world.contact_a,
        purpose="swg",
        swg=world.swg_x,
        appointed_on=dt.date(2025, 1, 5),
    )
    client.force_login(world.secretariat_x)
    client.post(_appoint_url(world), _form(successor, "2025-06-01", swg=world.swg_x.pk))
    rows = FocalPoint.objects.filter(organization=world.org_a).order_by("appointed_on")
    assert [(r.contact, r.ended_on) for r in rows] == [
        (world.contact_a, dt.date(2025, 5, 31)),
        (successor, None),
    ]


def test_it_shows_the_interim_flag_and_the_earlier_holder(client, world):
    focal_point_appoint(
        organization=world.org_a,
        contact=world.contact_a,
        purpose="swg",
        swg=world.swg_x,
        appointed_on=dt.date(2025, 1, 5),
    )
    focal_point_appoint(
        organization=world.org_a,
        contact=ContactFactory(organization=world.org_a, name_en="Omar Saleh"),
        purpose="swg",
        swg=world.swg_x,
        appointed_on=dt.date(2025, 6, 1),
        is_interim=True,
    )
    client.force_login(world.partner_a)
    html = client.get(f"/organizations/{world.org_a.pk}/").content.decode()
    assert 'Omar Saleh</bdi></a> <span class="badge text-bg-warning">interim</span>' in html
    assert "Amina Haddad" in html and "31 May 2025" in html


def test_it_rejects_a_person_from_another_organization_at_the_field(client, world):
    client.force_login(world.secretariat_x)
    response = client.post(_appoint_url(world), _form(world.contact_b, swg=world.swg_x.pk))
    assert response.status_code == 200
    assert 'id="error_1_id_contact"' in response.content.decode()
    assert not FocalPoint.objects.exists()


def test_it_asks_for_the_group_of_an_swg_focal_point_at_the_field(client, world):
    client.force_login(world.secretariat_x)
    response = client.post(_appoint_url(world), _form(world.contact_a))
    assert 'id="error_1_id_swg"' in response.content.decode()
    assert "Choose the working group this focal point is for." in response.content.decode()


def test_it_refuses_an_appointment_before_the_current_one(client, world):
    focal_point_appoint(
        organization=world.org_a,
        contact=world.contact_a,
        purpose="swg",
        swg=world.swg_x,
        appointed_on=dt.date(2025, 6, 1),
    )
    client.force_login(world.secretariat_x)
    other = ContactFactory(organization=world.org_a)
    response = client.post(_appoint_url(world), _form(other, "2025-01-01", swg=world.swg_x.pk))
    assert "A later appointment already exists for this post." in response.content.decode()
    assert FocalPoint.objects.count() == 1


def test_it_forbids_another_partner_to_appoint(client, world):
    client.force_login(world.partner_b)
    response = client.post(_appoint_url(world), _form(world.contact_a, swg=world.swg_x.pk))
    assert response.status_code == 403
    assert not FocalPoint.objects.exists()


def test_it_ends_an_appointment_and_keeps_the_row(client, world):
    fp = focal_point_appoint(
        organization=world.org_a,
        contact=world.contact_a,
        purpose="swg",
        swg=world.swg_x,
        appointed_on=dt.date(2025, 1, 5),
    )
    client.force_login(world.partner_a)
    response = client.post(
        f"/organizations/{world.org_a.pk}/focal-points/{fp.pk}/end/", {"end_date": "2025-03-01"}
    )
    assert response.status_code == 302
    assert FocalPoint.objects.get(pk=fp.pk).ended_on == dt.date(2025, 3, 1)
