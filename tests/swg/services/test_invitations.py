"""Invitations sent through the outbox: once, in the invitee's language, with an
update only for those whom a new date or place concerns (swg/services/invitations.py)."""

import datetime as dt
from email import policy
from email.parser import BytesParser

import icalendar
import pytest
from django.core import mail

from coordination import outbox
from coordination.models import OutboxMessage
from swg.models import Meeting
from swg.services.invitations import invitations_add, invitations_send
from swg.services.meetings import (
    agenda_item_add,
    meeting_cancel,
    meeting_postpone,
    meeting_update,
)
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


def test_it_sends_the_arabic_email_to_an_arabic_invitee(world):
    world.contact_gov.preferred_language = "ar"
    world.contact_gov.save()
    meeting = _invited(world)
    invitations_send(meeting=meeting)
    arabic = OutboxMessage.objects.get(recipient_email="khaled@moh.example")
    assert arabic.language == "ar"
    assert 'lang="ar"' in arabic.body_html and 'dir="rtl"' in arabic.body_html
    assert "الاجتماع الشهري لمجموعة الصحة" in arabic.subject
    assert "مخزون اللقاحات" in arabic.body_text and "خالد بن عمر" in arabic.body_text
    (event,) = _ics(arabic).walk("VEVENT")
    assert str(event["SUMMARY"]) == "الاجتماع الشهري لمجموعة الصحة"
    english = OutboxMessage.objects.get(recipient_email="amina@who.example")
    assert 'lang="en"' in english.body_html and "Health SWG monthly meeting" in english.subject


def test_it_sends_each_invitation_once(world):
    meeting = _invited(world)
    assert invitations_send(meeting=meeting) == 2
    assert invitations_send(meeting=meeting) == 0
    invitations_add(meeting=meeting, contacts=[world.contact_b])
    assert invitations_send(meeting=meeting) == 1
    assert _messages("meeting.invitation").count() == 3


def test_it_delivers_the_invitation_over_smtp(
    world, smtp_server, django_capture_on_commit_callbacks
):
    meeting = _invited(world, contacts=[world.contact_a])
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(meeting=meeting)
    (received,) = smtp_server.wait_for(1)
    assert received.rcpt_tos == ["amina@who.example"]
    assert "Accept" in received.html and "Vaccine stock" in received.text
    (attachment,) = received.attachments
    assert (attachment.filename, attachment.content_type) == ("invite.ics", "application/ics")
    cal = icalendar.Calendar.from_ical(attachment.content)
    assert cal["METHOD"] == "REQUEST" and cal.walk("VTIMEZONE")


def test_it_sends_the_invitations_in_batches_once_to_each_invitee(
    world, smtp_server, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(outbox, "BATCH_SIZE", 5)
    contacts = ContactFactory.create_batch(12, organization=world.org_a)
    meeting = _invited(world, contacts=contacts)
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations_send(meeting=meeting) == 12
    received = smtp_server.wait_for(12)
    assert smtp_server.count_by_recipient() == {c.email: 1 for c in contacts}
    assert smtp_server.connections == 3  # one per batch of five
    for message in received:
        (event,) = icalendar.Calendar.from_ical(message.attachments[0].content).walk("VEVENT")
        assert str(event["ATTENDEE"]) == f"mailto:{message.rcpt_tos[0]}"
        assert message.message.get_body(preferencelist=("calendar",)) is not None
    assert not OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT).exists()


def test_it_sends_no_update_for_a_new_title(world):
    meeting = _invited(world)
    invitations_send(meeting=meeting)
    _meeting, queued = meeting_update(
        meeting=meeting,
        title_en="Health SWG — renamed",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        venue_en=meeting.venue_en,
    )
    assert queued == 0 and Meeting.objects.get().sequence == 0
    assert not _messages("meeting.update").exists()


def test_it_sends_a_later_invitee_the_current_details_only(world):
    meeting = _invited(world, contacts=[world.contact_a])
    invitations_send(meeting=meeting)
    meeting_update(
        meeting=meeting,
        title_en=meeting.title_en,
        starts_at=meeting.starts_at + dt.timedelta(hours=1),
        ends_at=meeting.ends_at + dt.timedelta(hours=1),
    )
    invitations_add(meeting=meeting, contacts=[world.contact_gov])
    assert invitations_send(meeting=meeting) == 1
    late = _messages("meeting.invitation").get(recipient_email="khaled@moh.example")
    assert _ics(late).walk("VEVENT")[0]["SEQUENCE"] == 1


def test_it_tells_the_invitees_of_a_postponement_and_invites_them_again(world):
    meeting = _invited(world)
    invitations_send(meeting=meeting)
    new = meeting_postpone(
        meeting=meeting,
        starts_at=meeting.starts_at + dt.timedelta(days=14),
        ends_at=meeting.ends_at + dt.timedelta(days=14),
        reason="Eid holiday",
    )
    assert _messages("meeting.cancellation").count() == 2
    assert "postponed" in _messages("meeting.cancellation")[0].body_text
    again = _messages("meeting.invitation").filter(object_key=f"meeting:{new.pk}:seq0")
    assert [m.recipient_email for m in again] == ["amina@who.example", "khaled@moh.example"]
    assert list(new.invitations.values_list("rsvp", flat=True)) == ["", ""]


def _tree(message) -> list[tuple]:
    """(content type, method, disposition, file name) of every part, in order."""
    return [
        (
            part.get_content_type(),
            part.get_param("method"),
            part.get_content_disposition(),
            part.get_filename(),
        )
        for part in message.walk()
    ]


def _delivered(django_capture_on_commit_callbacks, action):
    with django_capture_on_commit_callbacks(execute=True):
        action()
    (email,) = mail.outbox
    # As a mail client reads it, refusing any defect (policy.strict).
    return BytesParser(policy=policy.strict).parsebytes(email.message().as_bytes())


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_invitation_is_an_outlook_meeting_request_with_the_ics_attached(
    world, settings, django_capture_on_commit_callbacks, language
):
    settings.CALENDAR_REPLIES_ADDRESS = "replies@swg.planning.gov.ly"
    world.contact_a.preferred_language = language
    world.contact_a.save()
    meeting = _invited(world, contacts=[world.contact_a])

    message = _delivered(
        django_capture_on_commit_callbacks, lambda: invitations_send(meeting=meeting)
    )

    # RFC 6047 §2.4 / MS-OXCMAIL: the calendar is an alternative of the body,
    # as Google Calendar and Thunderbird send it, and a file as well.
    assert _tree(message) == [
        ("multipart/mixed", None, None, None),
        ("multipart/alternative", None, None, None),
        ("text/plain", None, None, None),
        ("text/html", None, None, None),
        ("text/calendar", "REQUEST", None, None),
        ("application/ics", None, "attachment", "invite.ics"),
    ]
    inline = message.get_body(preferencelist=("calendar",))
    assert inline.get_content_charset() == "utf-8"
    (attached,) = message.iter_attachments()
    same = inline.get_content().splitlines() == attached.get_content().decode().splitlines()
    assert same  # the text part's line ends are the reader's; the content is one
    cal = icalendar.Calendar.from_ical(attached.get_content())
    (event,) = cal.walk("VEVENT")
    assert cal["METHOD"] == "REQUEST"
    assert str(event["ORGANIZER"]) == "mailto:replies@swg.planning.gov.ly"
    assert str(event["ATTENDEE"]) == "mailto:amina@who.example"


def test_the_cancellation_is_an_outlook_cancellation_with_the_ics_attached(
    world, django_capture_on_commit_callbacks
):
    meeting = _invited(world, contacts=[world.contact_a])
    invitations_send(meeting=meeting)
    mail.outbox.clear()

    message = _delivered(
        django_capture_on_commit_callbacks,
        lambda: meeting_cancel(meeting=meeting, reason="No quorum"),
    )

    assert [row[:3] for row in _tree(message)][2:] == [
        ("text/plain", None, None),
        ("text/html", None, None),
        ("text/calendar", "CANCEL", None),
        ("application/ics", None, "attachment"),
    ]
    assert b"METHOD:CANCEL" in message.get_body(("calendar",)).get_content().encode()
