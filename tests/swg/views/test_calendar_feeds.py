"""The calendar feeds: per group (login) and per user (private token address,
revocable), built by swg/exchange/ical.py."""

import datetime as dt

import icalendar
import vobject
from django.utils import timezone

from swg.models import CalendarToken
from swg.services.calendar_feeds import calendar_token_create
from swg.services.meetings import meeting_cancel
from tests.factories import plan_meeting


def _events(content) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(content)
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_it_serves_the_swg_feed_to_members(client, world):
    plan_meeting(world, title_en="Health SWG monthly meeting")
    plan_meeting(world, swg=world.swg_y, title_en="Education SWG meeting")
    client.force_login(world.partner_a)
    response = client.get("/swg/health/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(response.content)
    assert list(events) == ["Health SWG monthly meeting"]
    cal = icalendar.Calendar.from_ical(response.content)
    assert cal["METHOD"] == "PUBLISH" and cal.walk("VTIMEZONE")[0]["TZID"] == "Africa/Tripoli"
    parsed = vobject.readOne(response.content.decode())
    assert parsed.vevent.summary.value == "Health SWG monthly meeting"
    assert parsed.vevent.dtstart.value.utcoffset() == dt.timedelta(hours=2)


def test_it_keeps_the_swg_feed_behind_login_and_membership(client, world):
    response = client.get("/swg/health/calendar.ics")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(world.partner_b)
    assert client.get("/swg/health/calendar.ics").status_code == 404


def test_it_marks_cancelled_meetings_in_the_feed(client, world):
    meeting = plan_meeting(world)
    meeting_cancel(meeting=meeting)
    client.force_login(world.secretariat_x)
    (event,) = _events(client.get("/swg/health/calendar.ics").content).values()
    assert event["STATUS"] == "CANCELLED"


def test_it_creates_a_private_feed_address(client, world):
    client.force_login(world.partner_a)
    client.post("/calendar/subscribe/new/")
    token = CalendarToken.objects.get(user=world.partner_a)
    html = client.get("/calendar/subscribe/").content.decode()
    assert f"/calendar/feed/{token.token}.ics" in html and "webcal://" in html


def test_it_serves_the_private_feed_without_login_with_what_its_user_sees(client, world):
    plan_meeting(world, title_en="Health SWG monthly meeting")
    plan_meeting(world, swg=world.swg_y, title_en="Education SWG meeting")
    token = calendar_token_create(user=world.partner_a)
    response = client.get(f"/calendar/feed/{token.token}.ics")
    assert response.status_code == 200
    assert list(_events(response.content)) == ["Health SWG monthly meeting"]
    assert vobject.readOne(response.content.decode()).vevent.summary.value
    coordination = calendar_token_create(user=world.coordination)
    everything = _events(client.get(f"/calendar/feed/{coordination.token}.ics").content)
    assert set(everything) == {"Health SWG monthly meeting", "Education SWG meeting"}


def test_it_answers_404_once_the_address_is_revoked(client, world):
    token = calendar_token_create(user=world.partner_a)
    client.force_login(world.partner_a)
    client.post(f"/calendar/subscribe/{token.pk}/revoke/")
    client.logout()
    assert client.get(f"/calendar/feed/{token.token}.ics").status_code == 404
    assert client.get("/calendar/feed/no-such-token.ics").status_code == 404


def test_it_replaces_the_old_address_with_a_new_one(client, world):
    old = calendar_token_create(user=world.partner_a)
    new = calendar_token_create(user=world.partner_a)
    assert client.get(f"/calendar/feed/{old.token}.ics").status_code == 404
    assert client.get(f"/calendar/feed/{new.token}.ics").status_code == 200


def test_it_refuses_to_revoke_another_users_address(client, world):
    token = calendar_token_create(user=world.partner_a)
    client.force_login(world.partner_b)
    assert client.post(f"/calendar/subscribe/{token.pk}/revoke/").status_code == 404
    assert CalendarToken.objects.get(pk=token.pk).revoked_at is None


def test_it_leaves_old_meetings_out_of_the_feed(client, world):
    plan_meeting(world, title_en="Long ago", starts_at=timezone.now() - dt.timedelta(days=400))
    plan_meeting(world, title_en="Last month", starts_at=timezone.now() - dt.timedelta(days=30))
    token = calendar_token_create(user=world.secretariat_x)
    assert list(_events(client.get(f"/calendar/feed/{token.token}.ics").content)) == ["Last month"]
