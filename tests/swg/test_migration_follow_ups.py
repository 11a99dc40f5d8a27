"""The data migration that withdraws the text of follow-up agenda items copied
from minutes not yet circulated (swg/migrations/0011_withdraw_uncirculated_follow_ups.py)."""

import importlib

from django.apps import apps
from django.utils import timezone

from swg.models import AgendaItem
from swg.services.action_points import action_point_add
from swg.services.minutes import minutes_approve, minutes_circulate, minutes_submit
from tests.factories import draft_minutes, plan_meeting

migration = importlib.import_module("swg.migrations.0011_withdraw_uncirculated_follow_ups")


def _point(world, minutes, description):
    return action_point_add(
        minutes=minutes,
        minutes_item=minutes.items.get(),
        description_en=description,
        owner_organization=world.org_a,
        due_date=timezone.localdate(),
    )


def test_it_withdraws_the_text_of_a_draft_point_and_keeps_a_circulated_one(world):
    approved = draft_minutes(world)
    secret = _point(world, approved, "Budget cut not yet announced")
    minutes_approve(minutes=minutes_submit(minutes=approved), by=world.chair)
    circulated = draft_minutes(world)
    public = _point(world, circulated, "Share the cold-chain assessment")
    minutes_circulate(
        minutes=minutes_approve(minutes=minutes_submit(minutes=circulated), by=world.chair)
    )
    meeting = plan_meeting(world)
    # As the portal wrote them before follow-ups were limited to circulated points.
    leaked = AgendaItem(meeting=meeting, title_en=f"Follow-up: {secret}", action_point=secret)
    leaked.save()
    kept = AgendaItem(meeting=meeting, title_en=f"Follow-up: {public}", action_point=public)
    kept.save()

    migration.withdraw(apps, None)

    leaked.refresh_from_db()
    kept.refresh_from_db()
    assert (leaked.title_en, leaked.title_ar) == (migration.NEUTRAL_EN, migration.NEUTRAL_AR)
    assert leaked.action_point == secret
    assert not leaked.history.filter(title_en__contains="Budget cut").exists()
    assert kept.title_en == "Follow-up: Share the cold-chain assessment"
