"""The role home pages: the to-do list above the group cards, each line leading
to the page where it is done, and the guide per role in English and Arabic."""

import datetime as dt
import re

from django.utils import timezone, translation

from coordination.templatetags.bidi import bdi_date
from swg.models import Invitation
from tests.factories import ContactFactory, MeetingFactory, make_tor, submitted_minutes


def _links(html: str) -> list[str]:
    todo = html.split('data-testid="todo-', 1)[1].split('data-testid="badge-', 1)[0]
    return re.findall(
        r'data-testid="todo-item" data-key="[^"]+">\s*<div[^>]*><a href="([^"]+)"', todo
    )


def test_the_chair_follows_the_minutes_awaiting_approval_to_the_approve_button(client, world):
    minutes = submitted_minutes(world, days_ago=2)
    tor = make_tor(world, status="reviewed")
    client.force_login(world.chair)
    html = client.get("/").text
    assert html.index('data-testid="todo-approvals"') < html.index("swg-card")
    links = _links(html)
    assert minutes.get_absolute_url() in links and tor.get_absolute_url() in links
    page = client.get(minutes.get_absolute_url()).text
    assert f"/meetings/{minutes.meeting_id}/minutes/{minutes.pk}/approve/" in page
    assert f"/v{tor.number}/endorse/" in client.get(tor.get_absolute_url()).text


def test_the_secretariat_follows_a_meeting_to_send_its_invitations(client, world):
    meeting = MeetingFactory(starts_at=timezone.now() + dt.timedelta(hours=3))
    client.force_login(world.secretariat_x)
    html = client.get("/").text
    assert meeting.get_absolute_url() in _links(html)
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_a_partner_answers_an_invitation_from_her_home_page(client, world):
    me = ContactFactory(organization=world.org_a, email=world.partner_a.email)
    meeting = MeetingFactory(
        starts_at=timezone.now() + dt.timedelta(days=2), invitations_sent_at=timezone.now()
    )
    invitation = Invitation.objects.create(meeting=meeting, contact=me, rsvp="tentative")
    client.force_login(world.partner_a)
    html = client.get("/").text
    row = html.split('data-testid="rsvp-row"')[1].split("</li>")[0]
    assert "Tentative" in row
    action = re.search(
        r'<form method="post" action="([^"]+)">[^<]*<input[^>]*>'
        r'<button[^>]*data-testid="rsvp-accepted"',
        row,
    )
    assert action is not None
    client.post(action.group(1))
    invitation.refresh_from_db()
    assert invitation.rsvp == "accepted"
    # Another partner does not see it.
    client.force_login(world.partner_b)
    assert 'data-testid="rsvp-row"' not in client.get("/").text


def test_each_home_page_links_its_guide(client, world):
    for user, role in (
        (world.secretariat_x, "secretariat"),
        (world.chair, "chair"),
        (world.partner_a, "partner"),
        (world.coordination, "coordination"),
    ):
        client.force_login(user)
        assert f'href="/dashboards/help/{role}/"' in client.get("/").text
        assert f'data-testid="help-{role}"' in client.get("/dashboards/help/").text


def test_the_guides_read_in_english_and_arabic(client, world):
    client.force_login(world.partner_a)
    for role in ("secretariat", "chair", "partner", "coordination"):
        english = client.get(f"/dashboards/help/{role}/")
        assert english.status_code == 200 and 'lang="en"' in english.text
    world.partner_a.language = "ar"
    world.partner_a.save()
    arabic = client.get("/dashboards/help/partner/")
    assert 'dir="rtl"' in arabic.text
    assert client.get("/dashboards/help/nobody/").status_code == 404


def test_an_arabic_home_page_shows_each_to_do_date_in_arabic(client, world):
    minutes = submitted_minutes(world, days_ago=3)
    world.chair.language = "ar"
    world.chair.save()
    client.force_login(world.chair)
    html = client.get("/").text
    item = html.split('data-key="minutes-to-approve"', 1)[1].split("</li>", 1)[0]
    with translation.override("ar"):
        shown = bdi_date(minutes.meeting.starts_at)
    assert shown in item
    assert timezone.localtime(minutes.meeting.starts_at).strftime("%d/%m/%Y") not in item
