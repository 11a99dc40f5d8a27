"""Calendar replies read over IMAP from a real dovecot: the Accept an invitee
presses in Outlook reaches their invitation once, and nothing else does
(swg/services/calendar_replies.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from swg.exchange.ical import meeting_uid
from swg.models import CalendarReply, Invitation, Meeting
from swg.services.calendar_replies import (
    Outcome,
    calendar_message_apply,
    calendar_replies_fetch,
)
from swg.services.invitations import invitation_respond, invitations_add, invitations_send
from swg.services.meetings import meeting_cancel
from tests.factories import plan_meeting
from tests.support.imap import itip_reply

AMINA = "amina@who.example"


@pytest.fixture
def meeting(world):
    meeting = plan_meeting(world)
    invitations_add(meeting=meeting, contacts=[world.contact_a, world.contact_gov])
    invitations_send(meeting=meeting)
    return meeting


def _invitation(meeting, email=AMINA) -> Invitation:
    return meeting.invitations.get(contact__email=email)


def test_it_applies_an_accept_sent_from_outlook(meeting, imap_server):
    imap_server.append(itip_reply(uid=meeting_uid(meeting), attendee="Amina@WHO.example"))

    outcomes = calendar_replies_fetch()

    assert outcomes == {Outcome.APPLIED: 1}
    invitation = _invitation(meeting)
    assert (invitation.rsvp, invitation.rsvp_source) == (
        Invitation.Rsvp.ACCEPTED,
        Invitation.RsvpSource.CALENDAR,
    )
    assert invitation.history.first().rsvp == Invitation.Rsvp.ACCEPTED
    (reply,) = CalendarReply.objects.all()
    assert (reply.invitation, reply.answer, reply.applied) == (invitation, "accepted", True)
    assert imap_server.unseen() == [] and len(imap_server.seen()) == 1
    assert _invitation(meeting, "khaled@moh.example").rsvp == Invitation.Rsvp.NONE


def test_reading_the_same_reply_again_applies_nothing(meeting, imap_server):
    reply = itip_reply(uid=meeting_uid(meeting), attendee=AMINA, message_id="<reply-1@who.example>")
    imap_server.append(reply)
    assert calendar_replies_fetch() == {Outcome.APPLIED: 1}
    # She then declines with the email's link; the same reply arrives again.
    invitation_respond(invitation=_invitation(meeting), choice=Invitation.Rsvp.DECLINED)
    imap_server.append(reply)

    assert calendar_replies_fetch() == {Outcome.DUPLICATE: 1}
    assert calendar_replies_fetch() == {}  # everything is read
    invitation = _invitation(meeting)
    assert (invitation.rsvp, invitation.rsvp_source) == ("declined", "link")
    assert CalendarReply.objects.count() == 1


def test_a_later_answer_from_the_calendar_replaces_the_earlier_one(meeting, imap_server):
    uid = meeting_uid(meeting)
    earlier = timezone.now() - dt.timedelta(minutes=10)
    imap_server.append(itip_reply(uid=uid, attendee=AMINA, partstat="TENTATIVE", dtstamp=earlier))
    imap_server.append(itip_reply(uid=uid, attendee=AMINA, partstat="DECLINED", sequence=0))

    assert calendar_replies_fetch() == {Outcome.APPLIED: 2}
    assert _invitation(meeting).rsvp == Invitation.Rsvp.DECLINED


def test_an_answer_older_than_the_one_recorded_changes_nothing(meeting):
    invitation_respond(invitation=_invitation(meeting), choice=Invitation.Rsvp.ACCEPTED)
    stale = itip_reply(
        uid=meeting_uid(meeting),
        attendee=AMINA,
        partstat="DECLINED",
        dtstamp=timezone.now() - dt.timedelta(hours=1),
    )

    assert calendar_message_apply(raw=stale) == [Outcome.UNCHANGED]
    invitation = _invitation(meeting)
    assert (invitation.rsvp, invitation.rsvp_source) == ("accepted", "link")
    assert CalendarReply.objects.get().applied is False


def test_it_ignores_what_is_not_a_valid_reply_to_a_known_invitation(
    meeting, world, imap_server, settings
):
    uid = meeting_uid(meeting)
    other_host = uid.replace("@127.0.0.1", "@calendar.example")
    messages = {
        Outcome.NOT_A_REPLY: [
            b"\x00\xff garbage that is no email at all \r\n\r\n\xfe",
            b"From: someone@who.example\r\nSubject: hello\r\n\r\nPlease call me.\r\n",
            itip_reply(uid=uid, attendee=AMINA, attach=False).replace(
                b"METHOD:REPLY", b"METHOD:REQUEST"
            ),
            itip_reply(uid=uid, attendee=AMINA, attach=False).replace(  # cut short
                b"END:VEVENT\r\n", b""
            ),
            b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n"
            b"Content-Type: text/calendar\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            b"!!!not base64!!!\r\n--x",
        ],
        Outcome.UNKNOWN_MEETING: [
            itip_reply(uid="not-a-portal-uid@127.0.0.1", attendee=AMINA),
            itip_reply(uid=other_host, attendee=AMINA),
            itip_reply(uid="00000000-0000-0000-0000-000000000000@127.0.0.1", attendee=AMINA),
        ],
        Outcome.NOT_INVITED: [itip_reply(uid=uid, attendee="peter@eu.example")],
        Outcome.NOT_THE_SENDER: [
            # Somebody answers for Amina.
            itip_reply(uid=uid, attendee=AMINA, sender="mallory@evil.example"),
            # The receiving server found the From address forged.
            itip_reply(
                uid=uid,
                attendee=AMINA,
                headers={"Authentication-Results": "mx.planning.gov.ly; dmarc=fail"},
            ),
        ],
        Outcome.UNKNOWN_ANSWER: [itip_reply(uid=uid, attendee=AMINA, partstat="NEEDS-ACTION")],
    }
    for raws in messages.values():
        for raw in raws:
            imap_server.append(raw)

    outcomes = calendar_replies_fetch()

    assert outcomes == {outcome: len(raws) for outcome, raws in messages.items()}
    assert imap_server.unseen() == []
    assert CalendarReply.objects.count() == 0
    assert set(meeting.invitations.values_list("rsvp", flat=True)) == {""}


def test_it_ignores_replies_to_a_cancelled_meeting(meeting, imap_server):
    meeting_cancel(meeting=meeting, reason="No quorum")
    imap_server.append(itip_reply(uid=meeting_uid(meeting), attendee=AMINA))

    assert calendar_replies_fetch() == {Outcome.CLOSED: 1}
    assert Meeting.objects.get(pk=meeting.pk).invitations.filter(rsvp="").count() == 2


def test_it_does_not_download_an_oversized_message(meeting, imap_server, settings):
    settings.CALENDAR_REPLIES_MAX_BYTES = 2000
    imap_server.append(itip_reply(uid=meeting_uid(meeting), attendee=AMINA) + b"x" * 5000)

    assert calendar_replies_fetch() == {Outcome.TOO_LARGE: 1}
    assert imap_server.unseen() == [] and _invitation(meeting).rsvp == ""


def test_it_does_nothing_when_no_mailbox_is_configured(settings, db):
    settings.CALENDAR_REPLIES_IMAP_HOST = ""
    assert calendar_replies_fetch() == {}


def test_an_unreachable_mailbox_is_logged_not_raised(settings, db, caplog, imap_server):
    settings.CALENDAR_REPLIES_IMAP_PASSWORD = "wrong"
    assert calendar_replies_fetch() == {}
    assert "calendar replies" in caplog.text
