"""``dashboards.generate.grow``: a test's world with years of generated
groups' life added through generate_data's writers."""

import datetime as dt

from dashboards.generate import grow
from swg.models import Invitation, Meeting, Membership, Minutes

HELD = (Meeting.Status.HELD, Meeting.Status.CIRCULATED)


def test_grow_adds_years_to_a_world_and_keeps_its_chair(world):
    before = Membership.objects.active().filter(swg=world.swg_x, role="chair").get()
    grow(scale=0.01, seed=5, today=dt.date(2026, 11, 24))
    assert Meeting.objects.filter(swg=world.swg_x).count() >= 25
    assert Membership.objects.filter(swg=world.swg_x).count() > 30
    assert Minutes.history.filter(history_type="~").exists()
    assert Membership.objects.active().filter(swg=world.swg_x, role="chair").get() == before
    # The group's new meetings invite its members of the day.
    held = Meeting.objects.filter(swg=world.swg_x, status__in=HELD)
    assert Invitation.objects.filter(meeting__in=held).exists()
