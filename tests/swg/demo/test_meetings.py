"""The demo meetings follow up only what the members have received
(swg/demo/meetings.py; DESIGN §3 "Meeting": minutes are draft until circulated)."""

import pytest
from django.core.management import call_command

from swg.models import ActionPoint, AgendaItem

pytestmark = pytest.mark.django_db


def test_its_follow_ups_copy_only_circulated_action_points():
    call_command("load_demo")
    follow_ups = AgendaItem.objects.filter(action_point__isnull=False)
    assert follow_ups.exists()
    circulated = ActionPoint.objects.circulated()
    assert not follow_ups.exclude(action_point__in=circulated).exists()
