"""A meeting is marked held once, after it started and with its attendance
recorded (swg/services/meetings.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from swg.models import Meeting
from swg.services.action_points import action_point_add
from swg.services.attendance import attendance_record
from swg.services.meetings import agenda_follow_ups_add, meeting_mark_held
from swg.services.minutes import minutes_approve, minutes_circulate, minutes_submit
from tests.factories import draft_minutes, held_meeting, make_meeting, plan_meeting


def test_it_refuses_to_mark_held_without_attendance(world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    with pytest.raises(ValidationError) as caught:
        meeting_mark_held(meeting=meeting)
    assert caught.value.messages == ["Record the attendance before marking the meeting as held."]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_it_marks_a_meeting_held(world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    attendance_record(meeting=meeting, entries=[(world.contact_a, "present")])
    meeting_mark_held(meeting=meeting, by=world.secretariat_x)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_it_refuses_to_mark_held_before_the_start(world):
    meeting = make_meeting(world, days_ago=-3, invite=(world.contact_a,))
    attendance_record(meeting=meeting, entries=[(world.contact_a, "present")])
    with pytest.raises(ValidationError):
        meeting_mark_held(meeting=meeting)


def test_it_marks_held_only_once(world):
    meeting = held_meeting(world)
    with pytest.raises(ValidationError):
        meeting_mark_held(meeting=meeting)


def _point_of_minutes(world, minutes, description):
    return action_point_add(
        minutes=minutes,
        minutes_item=minutes.items.get(),
        description_en=description,
        owner_organization=world.org_a,
        due_date=timezone.localdate(),
    )


def test_it_refuses_to_follow_up_an_action_point_of_minutes_not_circulated(world):
    minutes = draft_minutes(world)
    point = _point_of_minutes(world, minutes, "Draft idea")
    minutes_approve(minutes=minutes_submit(minutes=minutes), by=world.chair)
    meeting = plan_meeting(world)
    with pytest.raises(ValidationError) as caught:
        agenda_follow_ups_add(meeting=meeting, action_points=[point])
    assert "action_points" in caught.value.message_dict
    assert not meeting.agenda_items.exists()


def test_it_follows_up_an_action_point_of_circulated_minutes(world):
    minutes = draft_minutes(world)
    point = _point_of_minutes(world, minutes, "Share the cold-chain assessment")
    minutes = minutes_approve(minutes=minutes_submit(minutes=minutes), by=world.chair)
    minutes_circulate(minutes=minutes)
    meeting = plan_meeting(world)
    (item,) = agenda_follow_ups_add(meeting=meeting, action_points=[point])
    assert item.title_en == "Follow-up: Share the cold-chain assessment"
