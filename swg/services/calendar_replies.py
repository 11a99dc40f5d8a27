"""Calendar replies: the Accept / Tentative / Decline an invitee presses in
Outlook, Gmail or Thunderbird, applied to their invitation (DESIGN §3
"Meeting"; README "Calendar replies").

Invitations name the replies mailbox (``CALENDAR_REPLIES_ADDRESS``) as their
ORGANIZER, so a calendar client sends its iTIP REPLY (RFC 5546 §3.2.3) there.
Beat has a worker read the mailbox's unread messages over IMAP
(``calendar_replies_fetch``); each reply is applied once:

- the UID must be one the portal wrote (``<meeting uid>@<SITE_URL host>``)
  and the ATTENDEE one of that meeting's invitees; the message must come
  from that attendee's address, so nobody answers for somebody else;
- the meeting must still be open to answers (planned, not over);
- a ``CalendarReply`` row keyed by the email's Message-ID and the invitation
  records it, so reading the message again applies nothing twice;
- an answer older than the one the invitation has (DTSTAMP before
  ``rsvp_at``) is recorded but changes nothing, whatever order mail arrives in.

Everything else (other mail, garbage, unknown meetings, forged senders) is
logged, marked read and left alone.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import uuid
from collections import Counter

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from coordination.emails import normalize_email
from coordination.mailbox import ImapSettings, MailboxError, imap_mailbox

from ..exchange.ical import site_host
from ..exchange.ical_replies import ItipReply, itip_replies
from ..models import CalendarReply, Invitation, Meeting

log = logging.getLogger(__name__)

ANSWERS = {
    "ACCEPTED": Invitation.Rsvp.ACCEPTED,
    "TENTATIVE": Invitation.Rsvp.TENTATIVE,
    "DECLINED": Invitation.Rsvp.DECLINED,
}


class Outcome(enum.StrEnum):
    APPLIED = "applied"  # the invitation now has this answer
    UNCHANGED = "unchanged"  # recorded; the invitation already had it or a later one
    DUPLICATE = "duplicate"  # this email was applied before
    NOT_A_REPLY = "not_a_reply"  # no METHOD:REPLY calendar in it
    TOO_LARGE = "too_large"
    UNKNOWN_MEETING = "unknown_meeting"  # a UID the portal did not write
    NOT_INVITED = "not_invited"  # the attendee is not an invitee of that meeting
    NOT_THE_SENDER = "not_the_sender"  # From is not the attendee, or forged
    UNKNOWN_ANSWER = "unknown_answer"  # NEEDS-ACTION, DELEGATED, …
    CLOSED = "closed"  # cancelled, postponed, held or over


def _meeting_for(uid: str) -> Meeting | None:
    local, _at, host = uid.rpartition("@")
    if not local or host.lower() != site_host().lower():
        return None
    try:
        meeting_uid = uuid.UUID(local)
    except ValueError:
        return None
    return Meeting.objects.filter(uid=meeting_uid).first()


def _invitation_for(meeting: Meeting, address: str) -> Invitation | None:
    for invitation in meeting.invitations.select_related("contact"):
        if normalize_email(invitation.contact.email) == address:
            return invitation
    return None


def calendar_reply_apply(*, reply: ItipReply, now: dt.datetime | None = None) -> Outcome:
    """Apply one attendee's answer to their invitation, once."""
    now = now or timezone.now()
    if not reply.sender or reply.sender != reply.attendee:
        return Outcome.NOT_THE_SENDER
    answer = ANSWERS.get(reply.partstat)
    if answer is None:
        return Outcome.UNKNOWN_ANSWER
    meeting = _meeting_for(reply.uid)
    if meeting is None:
        return Outcome.UNKNOWN_MEETING
    invitation = _invitation_for(meeting, reply.attendee)
    if invitation is None:
        return Outcome.NOT_INVITED
    # A client's clock decides DTSTAMP: never later than the reply was read.
    stamped_at = min(reply.dtstamp, now) if reply.dtstamp else None
    answered_at = stamped_at or now
    if meeting.status != Meeting.Status.PLANNED or answered_at >= meeting.ends_at:
        return Outcome.CLOSED
    try:
        with transaction.atomic():
            invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
            newer_answer = invitation.rsvp_at is not None and invitation.rsvp_at > answered_at
            changed = not newer_answer and (
                invitation.rsvp != answer
                or invitation.rsvp_source != Invitation.RsvpSource.CALENDAR
            )
            CalendarReply.objects.create(
                invitation=invitation,
                message_key=reply.message_key,
                sender=reply.sender,
                answer=answer,
                sequence=max(reply.sequence, 0),
                stamped_at=stamped_at,
                applied=changed,
            )
            if changed:
                invitation.rsvp = answer
                invitation.rsvp_at = answered_at
                invitation.rsvp_source = Invitation.RsvpSource.CALENDAR
                invitation.save(update_fields=["rsvp", "rsvp_at", "rsvp_source"])
    except IntegrityError:
        return Outcome.DUPLICATE
    return Outcome.APPLIED if changed else Outcome.UNCHANGED


def calendar_message_apply(*, raw: bytes, now: dt.datetime | None = None) -> list[Outcome]:
    """Apply the replies in one email; one outcome per reply (one when none)."""
    parsed = itip_replies(raw)
    if not parsed.replies:
        return [Outcome.NOT_A_REPLY]
    if parsed.forged:
        return [Outcome.NOT_THE_SENDER]
    return [calendar_reply_apply(reply=reply, now=now) for reply in parsed.replies]


def calendar_replies_fetch(*, config: ImapSettings | None = None) -> Counter:
    """Read the replies mailbox once: apply every unread message and mark it
    read. Returns how many replies had each outcome. A message whose handling
    fails unexpectedly stays unread for the next run; a mailbox that cannot be
    reached is logged and tried again at the next run."""
    config = config or ImapSettings.calendar_replies()
    outcomes: Counter = Counter()
    if config is None:
        return outcomes
    try:
        with imap_mailbox(config) as mailbox:
            for message in mailbox.unseen(
                limit=settings.CALENDAR_REPLIES_MAX_MESSAGES,
                max_bytes=settings.CALENDAR_REPLIES_MAX_BYTES,
            ):
                if message.raw is None:
                    results = [Outcome.TOO_LARGE]
                else:
                    try:
                        results = calendar_message_apply(raw=message.raw)
                    except Exception:
                        log.exception("calendar replies: message %s left unread", message.uid)
                        continue
                mailbox.mark_seen(message.uid)
                outcomes.update(results)
                for result in results:
                    if result not in (Outcome.APPLIED, Outcome.UNCHANGED):
                        log.info("calendar replies: message %s ignored (%s)", message.uid, result)
    except MailboxError as exc:
        log.warning("calendar replies: %s", exc)
    return outcomes
