"""A meeting is marked held once, after it started and with its attendance
recorded (swg/services/meetings.py)."""

import pytest
from django.core.exceptions import ValidationError

from swg.models import Meeting
from swg.services.attendance import attendance_record
from swg.services.meetings import meeting_mark_held
from tests.factories import held_meeting, make_meeting


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
