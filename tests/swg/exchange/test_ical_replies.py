"""Reading an iTIP REPLY out of an email (swg/exchange/ical_replies.py): what
Outlook, Gmail and Thunderbird send, and nothing from what they do not."""

import datetime as dt
from email.message import EmailMessage

from swg.exchange.ical_replies import itip_replies
from tests.support.imap import itip_reply

UID = "5f0c7a52-3c1e-4a57-9a43-1d6c2b8b9e10@127.0.0.1"


def test_it_reads_the_reply_once_from_its_inline_and_attached_copies():
    stamp = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
    raw = itip_reply(
        uid=UID,
        attendee="Amina@WHO.example",
        partstat="tentative",
        sequence=2,
        dtstamp=stamp,
        message_id="<abc@who.example>",
    )

    parsed = itip_replies(raw)

    (reply,) = parsed.replies
    assert (parsed.message_key, parsed.sender, parsed.forged) == (
        "<abc@who.example>",
        "amina@who.example",
        False,
    )
    assert (reply.uid, reply.attendee, reply.partstat) == (UID, "amina@who.example", "TENTATIVE")
    assert (reply.sequence, reply.dtstamp) == (2, stamp)


def test_a_message_without_message_id_is_keyed_by_its_content():
    raw = itip_reply(uid=UID, attendee="amina@who.example").replace(b"Message-ID", b"X-Old-Id")
    assert itip_replies(raw).message_key.startswith("sha256:")
    assert itip_replies(raw).message_key == itip_replies(raw).message_key


def test_it_does_not_read_a_reply_forwarded_inside_another_message():
    forward = EmailMessage()
    forward["From"] = "amina@who.example"
    forward["Subject"] = "Fwd: Accepted"
    forward.set_content("See below.")
    forward.add_attachment(itip_reply(uid=UID, attendee="amina@who.example"), "message", "rfc822")

    assert itip_replies(forward.as_bytes()).replies == []


def test_it_returns_nothing_for_garbage():
    for raw in (b"", b"\x00\x01\x02", b"Content-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR"):
        assert itip_replies(raw).replies == []
