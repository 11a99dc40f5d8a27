"""Memberships and focal points (swg/services/memberships.py): one active
government chair, an end is final, and a new focal point is a new row."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from swg.models import FocalPoint, Membership, Organization
from swg.services.memberships import (
    focal_point_appoint,
    membership_add,
    membership_end,
    membership_update,
)
from tests.factories import ContactFactory, OrganizationFactory


def _who_membership(world):
    return Membership.objects.get(swg=world.swg_x, organization=world.org_a)


def test_it_refuses_a_chair_from_a_non_government_organization(world):
    with pytest.raises(ValidationError) as caught:
        membership_add(swg=world.swg_y, role=Membership.Role.CHAIR, organization=world.org_b)
    assert "government" in caught.value.message_dict["role"][0]
    assert not Membership.objects.filter(swg=world.swg_y, role=Membership.Role.CHAIR).exists()


def test_it_accepts_a_government_chair(world):
    membership, _warning = membership_add(
        swg=world.swg_y, role=Membership.Role.CHAIR, organization=world.ministry
    )
    assert membership.pk and membership.role == Membership.Role.CHAIR


def test_it_allows_only_one_active_chair(world):
    other_ministry = OrganizationFactory(org_type=Organization.Type.MINISTRY)
    with pytest.raises(ValidationError) as caught:
        membership_add(swg=world.swg_x, role=Membership.Role.CHAIR, organization=other_ministry)
    assert "already has an active chair" in caught.value.message_dict["role"][0]


def test_it_accepts_a_successor_chair_once_the_chair_has_ended(world):
    # The end form defaults to today; the successor starts the day after.
    chair = Membership.objects.get(swg=world.swg_x, role=Membership.Role.CHAIR)
    membership_end(membership=chair, reason="Moved to another ministry")
    successor, _warning = membership_add(
        swg=world.swg_x,
        role=Membership.Role.CHAIR,
        organization=OrganizationFactory(org_type=Organization.Type.MINISTRY),
        start_date=timezone.localdate() + dt.timedelta(days=1),
    )
    assert successor.pk


def test_it_refuses_to_update_a_member_into_a_second_chair(world):
    membership = Membership.objects.get(swg=world.swg_x, organization=world.org_a)
    with pytest.raises(ValidationError):
        membership_update(
            membership=membership,
            role=Membership.Role.CHAIR,
            task_en=membership.task_en,
            task_ar="",
        )
    membership.refresh_from_db()
    assert membership.role == Membership.Role.TECHNICAL_LEAD


def test_it_updates_the_task(world):
    membership = _who_membership(world)
    membership_update(
        membership=membership, role=membership.role, task_en="Leads the vaccination work"
    )
    assert Membership.objects.get(pk=membership.pk).task == "Leads the vaccination work"


def test_it_refuses_to_end_a_membership_twice(world):
    membership = membership_end(membership=_who_membership(world))
    with pytest.raises(ValidationError) as caught:
        membership_end(membership=membership)
    assert "end_date" in caught.value.message_dict


# ---------------------------------------------------------------- focal points


def test_it_keeps_a_different_post_untouched(world):
    focal_point_appoint(
        organization=world.org_a, contact=world.contact_a, purpose="swg", swg=world.swg_x
    )
    focal_point_appoint(
        organization=world.org_a,
        contact=ContactFactory(organization=world.org_a),
        purpose="dialogue",
        purpose_detail="Rabat Process",
    )
    assert FocalPoint.objects.filter(organization=world.org_a, ended_on__isnull=True).count() == 2


def test_the_service_rejects_a_person_from_another_organization(world):
    with pytest.raises(ValidationError) as caught:
        focal_point_appoint(
            organization=world.org_a, contact=world.contact_b, purpose="swg", swg=world.swg_x
        )
    assert "another organization" in caught.value.message_dict["contact"][0]
