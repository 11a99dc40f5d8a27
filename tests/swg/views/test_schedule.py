"""The monthly schedule's pages: the unsubscribe link of the email (confirm
button, RFC 8058 one-click POST), the profile's subscriptions, and the
secretariat's preview with who received it (DESIGN §3 "Monthly schedule")."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.test import Client

from swg.models import ScheduleOptOut, ScheduleSubscription
from swg.services.schedule import monthly_schedule_send, schedule_unsubscribe_token
from tests.factories import OrganizationFactory, UserFactory, plan_meeting

TRIPOLI = ZoneInfo("Africa/Tripoli")


def _link(email):
    return f"/schedule/unsubscribe/{schedule_unsubscribe_token(email)}/"


def test_opening_the_link_asks_before_it_unsubscribes(client, world):
    page = client.get(_link("amina@who.example"))
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex"
    assert (
        "Stop sending the monthly meeting schedule to amina@who.example?" in page.content.decode()
    )
    assert not ScheduleOptOut.objects.exists()


def test_the_button_unsubscribes_without_login(client, world):
    page = client.post(_link("amina@who.example"))
    assert "amina@who.example will no longer receive" in page.content.decode()
    assert ScheduleOptOut.objects.get().source == "link"


def test_the_mail_programs_one_click_post_needs_no_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(_link("Amina@WHO.example"), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert ScheduleOptOut.objects.get().email == "amina@who.example"


def test_an_altered_link_is_not_found(client, world):
    token = schedule_unsubscribe_token("amina@who.example")
    assert client.post(f"/schedule/unsubscribe/{token[:-3]}abc/").status_code == 404
    assert not ScheduleOptOut.objects.exists()


def test_a_user_stops_and_restarts_the_schedule_from_the_profile(client, world):
    client.force_login(world.partner_a)
    client.post("/schedule/mine/", {"form": "receive"})
    assert ScheduleOptOut.objects.get().email == "partner.a@example.org"
    client.post("/schedule/mine/", {"form": "receive", "receive": "on"})
    assert not ScheduleOptOut.objects.exists()


def test_a_partner_follows_groups_their_organization_is_not_in(client, world):
    client.force_login(world.partner_b)  # EU Delegation: a member of Education only
    page = client.get("/schedule/mine/").content.decode()
    assert "Health" in page and f'value="{world.swg_y.pk}"' not in page
    response = client.post("/schedule/mine/", {"form": "groups", "swgs": [world.swg_x.pk]})
    assert response["Location"] == "/schedule/mine/"
    assert list(ScheduleSubscription.objects.values_list("swg", flat=True)) == [world.swg_x.pk]
    client.post("/schedule/mine/", {"form": "groups"})
    assert not ScheduleSubscription.objects.exists()


def test_only_partners_choose_groups(client, world):
    client.force_login(world.secretariat_x)
    assert "Groups you follow" not in client.get("/schedule/mine/").content.decode()
    assert client.post("/schedule/mine/", {"form": "groups"}).status_code == 403


def test_the_secretariat_previews_a_month_and_sees_who_received_it(client, world):
    plan_meeting(world, starts_at=dt.datetime(2030, 3, 4, 10, tzinfo=TRIPOLI))
    UserFactory(email="guest@unicef.example", organization=OrganizationFactory())
    monthly_schedule_send(year=2030, month=3)
    client.force_login(world.secretariat_x)
    page = client.get("/schedule/?month=2030-03&language=ar").content.decode()
    assert "جدول اجتماعات" in page  # the Arabic subject
    assert "goes out on <bdi>Sunday 3 March</bdi> at 08:00" in page
    assert "amina@who.example" in page and "guest@unicef.example" not in page
    page = client.get("/schedule/?month=2030-03").content.decode()  # the user's language
    assert "SWG meeting schedule for March 2030" in page
    assert "No meetings in this month" in client.get("/schedule/?month=2030-04").content.decode()


def test_partners_may_not_preview(client, world):
    client.force_login(world.partner_a)
    assert client.get("/schedule/").status_code == 403
