"""Calendar replies: the iTIP REPLY a calendar client sends to the ORGANIZER
when an invitee presses Accept, Tentative or Decline (RFC 5546 §3.2.3,
carried in email as RFC 6047 describes; README "Calendar replies").

``itip_replies`` reads one email as it came from the mailbox, which anybody
can write to, and returns the replies in it: each a (UID, attendee, answer)
from a ``text/calendar`` or ``.ics`` part whose calendar says METHOD:REPLY.
It never raises on a malformed message; it returns what it could read, and
nothing for what is not a reply. Whether a reply belongs to a known
invitation is the service's question (``swg.services.calendar_replies``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses

from icalendar import Calendar

from coordination.emails import normalize_email

log = logging.getLogger(__name__)

CALENDAR_TYPES = frozenset({"text/calendar", "application/ics"})
# A client's reply has one or two calendar parts (inline and attached); these
# bound the work a crafted message can cause.
MAX_PARTS = 50
MAX_DEPTH = 5
MAX_CALENDAR_BYTES = 256 * 1024
MAX_EVENTS = 20


@dataclass(frozen=True)
class ItipReply:
    """One attendee's answer to one event, as the message states it."""

    message_key: str  # the Message-ID, or a digest of a message without one
    sender: str  # the From address, normalised
    uid: str
    attendee: str  # the ATTENDEE's address, normalised
    partstat: str  # ACCEPTED, TENTATIVE, DECLINED, … (upper case)
    sequence: int
    dtstamp: dt.datetime | None


@dataclass(frozen=True)
class ParsedMessage:
    message_key: str
    sender: str
    replies: list[ItipReply]
    # The receiving server's verdict said the From address was forged (DMARC).
    forged: bool = False


def _message_key(message: EmailMessage, raw: bytes) -> str:
    try:
        message_id = str(message.get("Message-ID", "") or "").strip()
    except Exception:  # a malformed header
        message_id = ""
    if message_id and len(message_id) <= 250:
        return message_id
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def _sender(message: EmailMessage) -> str:
    try:
        addresses = getaddresses([str(message.get("From", "") or "")])
    except Exception:
        return ""
    return normalize_email(addresses[0][1]) if len(addresses) == 1 else ""


def _dmarc_failed(message: EmailMessage) -> bool:
    """The topmost Authentication-Results is the one the receiving server
    added (RFC 8601 §5); a sender may forge the ones below it."""
    try:
        results = message.get_all("Authentication-Results") or []
        return bool(results) and "dmarc=fail" in str(results[0]).lower()
    except Exception:
        return False


def _calendar_parts(message: EmailMessage) -> list[bytes]:
    """The calendar bodies of the message itself: a forwarded message
    (message/rfc822) is somebody else's reply, so not descended into."""
    found: list[bytes] = []
    stack = [(message, 0)]
    seen = 0
    while stack and seen < MAX_PARTS:
        part, level = stack.pop(0)
        seen += 1
        if part.get_content_maintype() == "message":
            continue
        if part.is_multipart():
            if level < MAX_DEPTH:
                stack.extend((child, level + 1) for child in part.get_payload())
            continue
        if part.get_content_type() not in CALENDAR_TYPES:
            continue
        body = part.get_payload(decode=True)
        if isinstance(body, bytes) and 0 < len(body) <= MAX_CALENDAR_BYTES:
            found.append(body)
    return found


def _address(value) -> str:
    text = str(value or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    return normalize_email(text) if "@" in text else ""


def _dtstamp(event) -> dt.datetime | None:
    try:
        value = event.decoded("DTSTAMP")
    except Exception:
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return None


def _replies_in(body: bytes, *, key: str, sender: str) -> list[ItipReply]:
    try:
        calendar = Calendar.from_ical(body)
    except Exception:  # icalendar raises ValueError and others on garbage
        return []
    if str(calendar.get("METHOD", "")).strip().upper() != "REPLY":
        return []
    replies = []
    for event in calendar.walk("VEVENT")[:MAX_EVENTS]:
        uid = str(event.get("UID", "") or "").strip()
        try:
            sequence = int(event.get("SEQUENCE", 0))
        except (TypeError, ValueError):
            sequence = 0
        attendees = event.get("ATTENDEE") or []
        if not isinstance(attendees, list):
            attendees = [attendees]
        for attendee in attendees[:MAX_EVENTS]:
            address = _address(attendee)
            params = getattr(attendee, "params", {}) or {}
            partstat = str(params.get("PARTSTAT", "") or "").strip().upper()
            if uid and address:
                replies.append(
                    ItipReply(
                        message_key=key,
                        sender=sender,
                        uid=uid[:255],
                        attendee=address,
                        partstat=partstat,
                        sequence=sequence,
                        dtstamp=_dtstamp(event),
                    )
                )
    return replies


def itip_replies(raw: bytes) -> ParsedMessage:
    """The calendar replies in one email (nothing when it holds none)."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception:
        log.info("calendar replies: a message that cannot be parsed", exc_info=True)
        return ParsedMessage(
            message_key="sha256:" + hashlib.sha256(raw).hexdigest(), sender="", replies=[]
        )
    key = _message_key(message, raw)
    sender = _sender(message)
    replies: list[ItipReply] = []
    try:
        bodies = _calendar_parts(message)
    except Exception:
        log.info("calendar replies: a message with a malformed structure", exc_info=True)
        bodies = []
    unique = set()
    for body in bodies:
        for reply in _replies_in(body, key=key, sender=sender):
            # Clients put the same calendar inline and attached: one reply.
            if (reply.uid, reply.attendee) not in unique:
                unique.add((reply.uid, reply.attendee))
                replies.append(reply)
    return ParsedMessage(
        message_key=key, sender=sender, replies=replies, forged=_dmarc_failed(message)
    )
