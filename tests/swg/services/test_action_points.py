"""Adding action points to minutes (swg/services/action_points.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from swg.services.action_points import action_point_add
from swg.services.minutes import minutes_approve, minutes_submit
from tests.factories import draft_minutes

TODAY = timezone.localdate()


def test_it_refuses_an_owner_person_from_another_organization(world):
    minutes = draft_minutes(world)
    with pytest.raises(ValidationError) as caught:
        action_point_add(
            minutes=minutes,
            minutes_item=minutes.items.get(),
            description_en="Share the data",
            owner_organization=world.org_a,
            owner_contact=world.contact_b,
            due_date=TODAY,
        )
    assert "owner_contact" in caught.value.message_dict


def test_it_refuses_new_points_on_approved_minutes(world):
    minutes = minutes_submit(minutes=draft_minutes(world))
    minutes = minutes_approve(minutes=minutes, by=world.chair)
    with pytest.raises(ValidationError):
        action_point_add(
            minutes=minutes,
            minutes_item=minutes.items.get(),
            description_en="Late idea",
            owner_organization=world.org_a,
            due_date=TODAY,
        )
