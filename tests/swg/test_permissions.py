"""Who reads minutes and the action points agreed in them (swg/permissions.py):
one rule answers both, so a page, the minutes text and the action-point lists
never disagree about draft content (DESIGN §1: nobody sees another group's drafts)."""

import pytest
from django.utils import timezone

from swg.models import ActionPoint, Minutes
from swg.permissions import Action, can, scope
from swg.services.action_points import action_point_add
from swg.services.minutes import minutes_approve, minutes_circulate, minutes_submit
from tests.factories import draft_minutes

STEPS = ["draft", "submitted", "approved", "circulated"]


def _minutes_at(world, step, swg):
    minutes = draft_minutes(world, swg=swg)
    action_point_add(
        minutes=minutes,
        minutes_item=minutes.items.get(),
        description_en="Share the school census",
        owner_organization=world.org_b,
        due_date=timezone.localdate(),
    )
    if STEPS.index(step) >= 1:
        minutes = minutes_submit(minutes=minutes)
    if STEPS.index(step) >= 2:
        minutes = minutes_approve(minutes=minutes, by=world.admin)
    if STEPS.index(step) >= 3:
        minutes_circulate(minutes=minutes)
    return Minutes.objects.select_related("meeting__swg").get(pk=minutes.pk)


@pytest.mark.parametrize("step", STEPS)
def test_it_lets_the_same_people_read_minutes_and_their_action_points(world, step):
    minutes = _minutes_at(world, step, world.swg_y)
    points = ActionPoint.objects.filter(minutes_item__minutes=minutes)
    for name, user in world.users().items():
        reads_minutes = can(user, Action.MINUTES_VIEW, minutes)
        sees_points = scope(user, points).exists()
        assert reads_minutes == sees_points, (name, step)


def test_it_hides_approved_minutes_of_another_group_from_a_chair(world):
    minutes = _minutes_at(world, "approved", world.swg_y)
    assert not can(world.chair, Action.MINUTES_VIEW, minutes)
    assert can(world.secretariat_y, Action.MINUTES_VIEW, minutes)
    assert can(world.coordination, Action.MINUTES_VIEW, minutes)


def test_it_shows_circulated_minutes_of_another_group_to_a_chair(world):
    minutes = _minutes_at(world, "circulated", world.swg_y)
    assert can(world.chair, Action.MINUTES_VIEW, minutes)
