"""Recording attendance: the organization a person represented on the day, and
only invitees unless they walk in (swg/services/attendance.py)."""

import datetime as dt
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from swg.models import Attendance, Contact, Invitation, Meeting
from swg.selectors.attendance import meeting_attendance_figures
from swg.services.attendance import attendance_add_walk_in, attendance_record
from swg.services.meetings import meeting_mark_held
from tests.factories import ContactFactory





from tests.factories import make_meeting


def test_it_stores_the_organization_of_the_day(world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    attendance_record(meeting=meeting, entries=[(world.contact_a, "present")])
    world.contact_a.organization = world.org_b
    world.contact_a.save()
    assert Attendance.objects.get(meeting=meeting).organization == world.org_a


def test_it_refuses_someone_not_invited_and_saves_nothing(world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    with pytest.raises(ValidationError) as caught:
        attendance_record(
            meeting=meeting,
            entries=[(world.contact_a, "present"), (world.contact_b, "present")],
        )
    assert "Marco Rossi was not invited" in caught.value.message_dict["contact"][0]
    assert not Attendance.objects.filter(meeting=meeting).exists()
