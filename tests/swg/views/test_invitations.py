"""Invitations: who is invited, the email and its .ics, updates and
cancellations, each sent once through the outbox (DESIGN §3 "Meeting",
"Sent messages"; RFC 5546 for METHOD and SEQUENCE)."""

import datetime as dt
import re

import icalendar
import vobject
from django.core import mail
from django.utils import timezone

from coordination.models import OutboxMessage
from swg.models import FocalPoint, Invitation, Membership
from swg.services.invitations import invitations_add, invitations_send
from swg.services.meetings import agenda_item_add, meeting_cancel
from tests.factories import ContactFactory, plan_meeting


def _invited(world, meeting=None, contacts=None):
    meeting = meeting or plan_meeting(world)
    agenda_item_add(meeting=meeting, title_en="Vaccine stock", title_ar="مخزون اللقاحات")
    invitations_add(meeting=meeting, contacts=contacts or [world.contact_a, world.contact_gov])
    return meeting


def _ics(message: OutboxMessage) -> icalendar.Calendar:
    (attachment,) = message.attachments
    return icalendar.Calendar.from_ical(attachment["content"])


def _messages(purpose):
    return OutboxMessage.objects.filter(purpose=purpose).order_by("recipient_email")


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_it_offers_the_groups_people_and_invites_them(client, world):
    focal = ContactFactory(organization=world.org_a, name_en="Sara Nouri")
    FocalPoint.objects.create(
        organization=world.org_a, contact=focal, purpose=FocalPoint.Purpose.SWG, swg=world.swg_x
    )
    meeting = plan_meeting(world)
    client.force_login(world.secretariat_x)
    html = client.get(f"/meetings/{meeting.pk}/invitations/").content.decode()
    assert "Amina Haddad" in html and "Khaled Ben Omar" in html and "Sara Nouri" in html

    client.post(
        f"/meetings/{meeting.pk}/invitations/",
        {"form": "members", "contacts": [world.contact_a.pk, focal.pk]},
    )
    invited = meeting.invitations.order_by("contact__name_en")
    assert [(i.contact.name_en, i.is_ad_hoc) for i in invited] == [
        ("Amina Haddad", False),
        ("Sara Nouri", False),
    ]


def test_it_invites_an_ad_hoc_guest_who_never_becomes_a_member(client, world):
    meeting = plan_meeting(world)
    client.force_login(world.secretariat_x)
    client.post(
        f"/meetings/{meeting.pk}/invitations/", {"form": "ad_hoc", "contact": world.contact_b.pk}
    )
    invitation = meeting.invitations.get()
    assert (invitation.contact, invitation.is_ad_hoc) == (world.contact_b, True)
    assert not Membership.objects.filter(swg=world.swg_x, contact=world.contact_b).exists()
    assert "ad hoc" in client.get(meeting.get_absolute_url()).content.decode()


def test_the_ad_hoc_search_leaves_out_people_already_invited(client, world):
    meeting = _invited(world, contacts=[world.contact_a])
    client.force_login(world.secretariat_x)
    html = client.get(f"/meetings/{meeting.pk}/invitations/").text
    search_url = re.search(r'<select name="contact"[^>]*data-search-url="([^"]*)"', html)
    found = client.get(search_url.group(1).replace("&amp;", "&")).json()["results"]
    ids = [r["id"] for r in found]
    assert str(world.contact_a.pk) not in ids
    assert str(world.contact_b.pk) in ids and str(world.contact_gov.pk) in ids


def test_only_the_meetings_managers_have_invited_people_left_out(client, world):
    """Who is invited is the group's secretariat's to read: another user's
    search ignores the meeting."""
    meeting = _invited(world, contacts=[world.contact_a])
    client.force_login(world.partner_a)
    found = client.get(f"/search/people/?q=amina&not_invited_to={meeting.pk}").json()
    assert [r["id"] for r in found["results"]] == [str(world.contact_a.pk)]


def test_it_withdraws_an_invitation_with_a_cancellation_for_their_calendar(client, world):
    meeting = _invited(world)
    invitations_send(meeting=meeting)
    invitation = meeting.invitations.get(contact=world.contact_a)
    client.force_login(world.secretariat_x)
    client.post(f"/meetings/{meeting.pk}/invitations/{invitation.pk}/remove/")
    assert not meeting.invitations.filter(contact=world.contact_a).exists()
    (cancel,) = _messages("meeting.cancellation")
    assert cancel.recipient_email == "amina@who.example"
    assert _ics(cancel)["METHOD"] == "CANCEL"


def test_it_sends_one_message_per_invitee_with_an_ics(client, world):
    meeting = _invited(world)
    client.force_login(world.secretariat_x)
    response = client.post(f"/meetings/{meeting.pk}/invitations/send/")
    assert response.status_code == 302
    messages = _messages("meeting.invitation")
    assert [m.recipient_email for m in messages] == ["amina@who.example", "khaled@moh.example"]
    assert {m.object_key for m in messages} == {f"meeting:{meeting.pk}:seq0"}

    cal = _ics(messages[0])
    (event,) = cal.walk("VEVENT")
    assert cal["METHOD"] == "REQUEST"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Africa/Tripoli"]
    assert event["DTSTART"].params["TZID"] == "Africa/Tripoli"
    assert event.decoded("DTSTART") == meeting.starts_at
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:amina@who.example"
    assert (attendee.params["RSVP"], attendee.params["PARTSTAT"]) == ("TRUE", "NEEDS-ACTION")
    assert str(event["UID"]) == f"{meeting.uid}@127.0.0.1" and event["SEQUENCE"] == 0

    parsed = vobject.readOne(messages[0].attachments[0]["content"])
    assert parsed.vevent.dtstart.value == meeting.starts_at
    assert parsed.vevent.dtstart.value.utcoffset() == dt.timedelta(hours=2)  # Tripoli, no DST
    assert "Africa/Tripoli" in str(parsed.vevent.dtstart.value.tzinfo)
    assert "Vaccine stock" in messages[0].body_text and "/rsvp/" in messages[0].body_html


def test_it_delivers_the_invitation_with_its_ics(client, world, django_capture_on_commit_callbacks):
    meeting = _invited(world, contacts=[world.contact_a])
    client.force_login(world.secretariat_x)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/meetings/{meeting.pk}/invitations/send/")
    (email,) = mail.outbox
    assert email.to == ["Amina Haddad <amina@who.example>"]
    (part,) = [p for p in email.message().walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    assert b"METHOD:REQUEST" in part.get_payload(decode=True)
    (attached,) = [p for p in email.message().walk() if p.get_filename() == "invite.ics"]
    assert attached.get_payload(decode=True) == part.get_payload(decode=True)


def test_it_raises_the_sequence_and_tells_only_the_invitees_of_a_new_date(client, world):
    meeting = _invited(world, contacts=[world.contact_a])
    invitations_send(meeting=meeting)
    later = meeting.starts_at + dt.timedelta(days=1)
    client.force_login(world.secretariat_x)
    client.post(
        f"/meetings/{meeting.pk}/edit/",
        {
            "title_en": meeting.title_en,
            "kind": "swg",
            "is_formal": "on",
            "starts_at": _local(later),
            "ends_at": _local(later + dt.timedelta(hours=2)),
            "city": "tunis",
        },
    )
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.city) == (1, "tunis")
    (update,) = _messages("meeting.update")
    assert update.recipient_email == "amina@who.example"  # not Khaled, a member not invited
    assert update.object_key == f"meeting:{meeting.pk}:seq1"
    (event,) = _ics(update).walk("VEVENT")
    assert event["SEQUENCE"] == 1 and "Tunis" in str(event["LOCATION"])
    assert str(event["UID"]) == f"{meeting.uid}@127.0.0.1"
    assert _ics(update)["METHOD"] == "REQUEST"


def test_it_sends_no_update_when_the_form_repeats_the_same_minute(client, world):
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=7, seconds=17)
    meeting = _invited(world, meeting=plan_meeting(world, starts_at=starts))
    invitations_send(meeting=meeting)
    client.force_login(world.secretariat_x)
    client.post(
        f"/meetings/{meeting.pk}/edit/",
        {
            "title_en": "Renamed",
            "kind": "swg",
            "is_formal": "on",
            "starts_at": _local(meeting.starts_at),
            "ends_at": _local(meeting.ends_at),
            "city": "tripoli",
            "venue_en": meeting.venue_en,
        },
    )
    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.starts_at, meeting.sequence) == ("Renamed", starts, 0)
    assert not _messages("meeting.update").exists()


def test_it_sends_method_cancel_when_cancelled(client, world):
    meeting = _invited(world)
    invitations_send(meeting=meeting)
    client.force_login(world.secretariat_x)
    client.post(f"/meetings/{meeting.pk}/cancel/", {"reason": "Security situation"})
    cancels = _messages("meeting.cancellation")
    assert cancels.count() == 2
    cal = _ics(cancels[0])
    (event,) = cal.walk("VEVENT")
    assert cal["METHOD"] == "CANCEL" and event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1 and str(event["UID"]) == f"{meeting.uid}@127.0.0.1"
    assert "Security situation" in cancels[0].body_text


def test_it_refuses_to_send_for_a_cancelled_meeting(client, world):
    meeting = _invited(world)
    meeting_cancel(meeting=meeting)
    client.force_login(world.secretariat_x)
    response = client.post(f"/meetings/{meeting.pk}/invitations/send/", follow=True)
    assert "Invitations are for planned meetings." in response.content.decode()
    assert not _messages("meeting.invitation").exists()


def test_it_lets_only_the_secretariat_send(client, world):
    meeting = _invited(world)
    client.force_login(world.partner_a)
    assert client.post(f"/meetings/{meeting.pk}/invitations/send/").status_code == 403
    client.force_login(world.secretariat_y)
    assert client.post(f"/meetings/{meeting.pk}/invitations/send/").status_code == 403
    assert not OutboxMessage.objects.exists()
    assert Invitation.objects.count() == 2


def test_the_answer_list_says_which_answers_came_from_a_calendar(client, world):
    meeting = _invited(world)
    Invitation.objects.filter(meeting=meeting, contact=world.contact_a).update(
        rsvp=Invitation.Rsvp.ACCEPTED,
        rsvp_at=timezone.now(),
        rsvp_source=Invitation.RsvpSource.CALENDAR,
    )
    Invitation.objects.filter(meeting=meeting, contact=world.contact_gov).update(
        rsvp=Invitation.Rsvp.DECLINED, rsvp_at=timezone.now(), rsvp_source="link"
    )
    client.force_login(world.secretariat_x)

    for url in (f"/meetings/{meeting.pk}/invitations/", f"/meetings/{meeting.pk}/"):
        html = client.get(url).content.decode()
        assert html.count('data-testid="rsvp-from-calendar"') == 1, url
