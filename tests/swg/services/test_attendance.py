"""Recording attendance: the organization a person represented on the day, and
only invitees unless they walk in (swg/services/attendance.py)."""

import pytest
from django.core.exceptions import ValidationError

from swg.models import Attendance
from swg.services.attendance import attendance_record
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
