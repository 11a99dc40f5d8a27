"""iCalendar files for invitations, updates and cancellations (swg/exchange/ical.py)."""

import datetime as dt

import icalendar
from django.test import override_settings
from django.utils import translation

from swg.exchange.ical import cancellation_ics, invitation_ics, meeting_description
from swg.services.invitations import invitation_respond, invitations_add
from swg.services.meetings import agenda_item_add, meeting_cancel, meeting_update
from tests.factories import plan_meeting


def test_it_builds_an_invitation_for_one_attendee(world):
    meeting = plan_meeting(
        world, city="tunis", venue_en="EU Delegation", online_url="https://meet.example/h"
    )
    (invitation,) = invitations_add(meeting=meeting, contacts=[world.contact_b])
    invitation_respond(invitation=invitation, choice="tentative")
    invitation.refresh_from_db()
    cal = icalendar.Calendar.from_ical(invitation_ics(invitation=invitation))
    (event,) = cal.walk("VEVENT")
    assert cal["METHOD"] == "REQUEST"
    assert str(event["ORGANIZER"]) == "mailto:no-reply@swg.planning.gov.ly"
    assert event["ORGANIZER"].params["CN"] == "SWG Portal"
    attendee = event["ATTENDEE"]
    assert (
        attendee.params["PARTSTAT"] == "TENTATIVE" and attendee.params["ROLE"] == "OPT-PARTICIPANT"
    )
    assert str(event["LOCATION"]) == "EU Delegation, Tunis · https://meet.example/h"
    assert str(event["URL"]) == f"http://127.0.0.1:8000/meetings/{meeting.pk}/"
    assert event["STATUS"] == "CONFIRMED"


@override_settings(SITE_URL="https://swg.planning.gov.ly")
def test_it_keeps_the_uid_and_raises_the_sequence(world):
    meeting = plan_meeting(world)
    (invitation,) = invitations_add(meeting=meeting, contacts=[world.contact_a])
    before = icalendar.Calendar.from_ical(invitation_ics(invitation=invitation))
    meeting_update(
        meeting=meeting,
        title_en=meeting.title_en,
        starts_at=meeting.starts_at + dt.timedelta(hours=1),
        ends_at=meeting.ends_at + dt.timedelta(hours=1),
    )
    invitation.meeting = meeting
    after = icalendar.Calendar.from_ical(invitation_ics(invitation=invitation))
    (old,), (new,) = before.walk("VEVENT"), after.walk("VEVENT")
    assert str(old["UID"]) == str(new["UID"]) == f"{meeting.uid}@swg.planning.gov.ly"
    assert (old["SEQUENCE"], new["SEQUENCE"]) == (0, 1)


def test_it_builds_a_cancellation(world):
    meeting = plan_meeting(world)
    (invitation,) = invitations_add(meeting=meeting, contacts=[world.contact_a])
    meeting_cancel(meeting=meeting)
    cal = icalendar.Calendar.from_ical(cancellation_ics(invitation=invitation))
    (event,) = cal.walk("VEVENT")
    assert (cal["METHOD"], event["STATUS"], event["SEQUENCE"]) == ("CANCEL", "CANCELLED", 1)


def test_an_arabic_description_isolates_an_english_agenda_item(world):
    meeting = plan_meeting(world)
    agenda_item_add(meeting=meeting, title_en="WHO briefing (EPI)", title_ar="")
    with translation.override("ar"):
        text = meeting_description(meeting, agenda=meeting.agenda_items.all())
    assert "1. \u2068WHO briefing (EPI)\u2069" in text


def test_each_file_carries_the_meetings_time_zone_as_icalendar_writes_it(world):
    meeting = plan_meeting(world)
    first, second = invitations_add(meeting=meeting, contacts=[world.contact_a, world.contact_b])
    files = [icalendar.Calendar.from_ical(invitation_ics(invitation=i)) for i in (first, second)]
    expected = icalendar.Calendar.from_ical(invitation_ics(invitation=first))
    del expected.subcomponents[: len(expected.timezones)]
    expected.add_missing_timezones()  # icalendar's own, built afresh
    for cal in files:
        (vtimezone,) = cal.timezones
        assert vtimezone.to_ical() == expected.timezones[0].to_ical()
        assert cal.subcomponents[0] is cal.timezones[0]  # before the event that uses it
