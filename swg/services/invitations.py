"""Invitations to a meeting, what the invitees are told, and their answers
(DESIGN §3 "Meeting"; assessment Annex 1.1).

Every email goes through ``coordination.outbox`` in the recipient's language
with an iCalendar file, stored together and sent in batches like any fan-out, so a job or a double click never sends the same message
twice: the object key carries the meeting's SEQUENCE, so each change is a new
message and a repeat is not. The Accept / Tentative / Decline links are signed
and need no login.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordination.emails import normalize_email
from coordination.history import history_attribute
from coordination.models import OutboxMessage
from coordination.outbox import BulkMessage, absolute_url, outbox_enqueue_many

from ..exchange.ical import cancellation_ics, ics_attachment, invitation_ics
from ..models import AgendaItem, Contact, Invitation, Meeting
from ..selectors.contacts import swg_contact_list

PURPOSE_INVITATION = "meeting.invitation"
PURPOSE_UPDATE = "meeting.update"
PURPOSE_CANCELLATION = "meeting.cancellation"

RSVP_SALT = "swg.meeting.rsvp"
RSVP_CHOICES = (
    Invitation.Rsvp.ACCEPTED,
    Invitation.Rsvp.TENTATIVE,
    Invitation.Rsvp.DECLINED,
)


def _object_key(meeting: Meeting, suffix: str = "") -> str:
    return f"meeting:{meeting.pk}:seq{meeting.sequence}{suffix}"


def _require_planned(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Invitations are for planned meetings."))


@transaction.atomic
def invitations_add(*, meeting: Meeting, contacts: Iterable[Contact], by=None) -> list[Invitation]:
    """Invite people. Whoever is not one of the group's people (members in
    their own name or SWG focal points of member organizations) is an ad-hoc
    invitee, and stays one: an invitation never makes anybody a member."""
    _require_planned(meeting)
    contacts = list(contacts)
    inactive = [c for c in contacts if not c.is_active]
    if inactive:
        raise ValidationError(
            {"contacts": _("%(name)s is no longer active.") % {"name": inactive[0].name}}
        )
    members = {entry.contact.pk for entry in swg_contact_list(swg=meeting.swg)}
    already = set(meeting.invitations.values_list("contact_id", flat=True))
    created = []
    for contact in contacts:
        if contact.pk in already:
            continue
        invitation = Invitation(
            meeting=meeting, contact=contact, is_ad_hoc=contact.pk not in members
        )
        history_attribute(invitation, by=by).save()
        created.append(invitation)
        already.add(contact.pk)
    return created


@transaction.atomic
def invitation_remove(*, invitation: Invitation, by=None) -> bool:
    """Withdraw an invitation; someone already invited gets a cancellation for
    their calendar. Returns whether a cancellation was queued."""
    meeting = invitation.meeting
    _require_planned(meeting)
    informed = normalize_email(invitation.contact.email) in _informed_emails(meeting)
    queued = False
    if informed:
        queued = bool(
            _send(
                [invitation],
                purpose=PURPOSE_CANCELLATION,
                template="meeting_cancellation",
                suffix=":withdrawn",
                extra={"withdrawn": True},
            )
        )
    history_attribute(invitation, by=by).delete()
    return queued


@transaction.atomic
def invitations_send(*, meeting: Meeting, by=None) -> int:
    """Email each invitee not yet told of the meeting its invitation with an
    .ics file; returns how many were queued (0 when everybody has one)."""
    _require_planned(meeting)
    invitations = list(meeting.invitations.select_related("contact"))
    if not invitations:
        raise ValidationError(_("Invite somebody first."))
    informed = _informed_emails(meeting)
    agenda = list(meeting.agenda_items.select_related("presenter"))
    queued = _send(
        [i for i in invitations if normalize_email(i.contact.email) not in informed],
        purpose=PURPOSE_INVITATION,
        template="meeting_invitation",
        agenda=agenda,
    )
    if queued or meeting.invitations_sent_at is None:
        meeting.invitations_sent_at = timezone.now()
        history_attribute(meeting, by=by).save(update_fields=["invitations_sent_at"])
    return queued


def _informed_emails(meeting: Meeting) -> set[str]:
    """Who already has this meeting in their calendar: they received an
    invitation or an update (at any SEQUENCE)."""
    return set(
        OutboxMessage.objects.filter(
            purpose__in=(PURPOSE_INVITATION, PURPOSE_UPDATE),
            object_key__startswith=f"meeting:{meeting.pk}:seq",
        ).values_list("recipient_email", flat=True)
    )


def _informed_invitations(meeting: Meeting) -> list[Invitation]:
    informed = _informed_emails(meeting)
    return [
        invitation
        for invitation in meeting.invitations.select_related("contact")
        if normalize_email(invitation.contact.email) in informed
    ]


def invitations_notify_update(*, meeting: Meeting) -> int:
    """Send a changed date or place to the invitees already told of the meeting
    (nobody else); returns how many updates were queued."""
    agenda = list(meeting.agenda_items.select_related("presenter"))
    return _send(
        _informed_invitations(meeting),
        purpose=PURPOSE_UPDATE,
        template="meeting_update",
        agenda=agenda,
    )


def invitations_notify_cancellation(*, meeting: Meeting) -> int:
    """Send METHOD:CANCEL to the invitees already told of the meeting; returns
    how many cancellations were queued."""
    return _send(
        _informed_invitations(meeting),
        purpose=PURPOSE_CANCELLATION,
        template="meeting_cancellation",
    )


def _send(
    invitations: list[Invitation],
    *,
    purpose: str,
    template: str,
    suffix: str = "",
    extra: dict | None = None,
    agenda: list[AgendaItem] | None = None,
) -> int:
    """Queue one message to each invitee (all of the same meeting), rendered in
    their language; returns how many were stored. They go through the outbox's
    fan-out, sent in batches over one SMTP connection each; every invitee's
    message is rendered for them alone, as it carries their own answer links
    and calendar file."""
    if not invitations:
        return 0
    meeting = invitations[0].meeting
    cancel = purpose == PURPOSE_CANCELLATION
    if agenda is None:
        agenda = [] if cancel else list(meeting.agenda_items.select_related("presenter"))
    shared = {
        "meeting": meeting,
        "agenda": agenda,
        "meeting_url": absolute_url(meeting.get_absolute_url()),
        **(extra or {}),
    }
    if cancel and meeting.postponed_to_id:
        shared["postponed_to"] = meeting.postponed_to

    def messages():
        for invitation in invitations:
            invitation.meeting = meeting  # one meeting object for all, not one query each
            contact = invitation.contact
            language = contact.preferred_language
            with translation.override(language):
                recipient_name = contact.name
                if cancel:
                    ics = cancellation_ics(invitation=invitation)
                else:
                    ics = invitation_ics(invitation=invitation, agenda=agenda)
            context = {**shared, "invitation": invitation}
            if not cancel:
                context["rsvp_links"] = [
                    (choice, rsvp_url(invitation=invitation, choice=choice))
                    for choice in RSVP_CHOICES
                ]
            yield BulkMessage(
                recipient_email=contact.email,
                recipient_name=recipient_name,
                language=language,
                group=None,  # rendered for this invitee alone
                context=context,
                attachments=[
                    ics_attachment(
                        ics,
                        method="CANCEL" if cancel else "REQUEST",
                        filename="cancel.ics" if cancel else "invite.ics",
                    )
                ],
            )

    return outbox_enqueue_many(
        purpose=purpose,
        object_key=_object_key(meeting, suffix),
        template=template,
        messages=messages(),
        swg=meeting.swg,
    )


# ------------------------------------------------------------------ RSVP links


class RsvpLinkError(Exception):
    """Why an answer link cannot be used; ``reason`` is "invalid", "gone",
    "expired" or "closed" and ``message`` says it to the person."""

    def __init__(self, reason: str, message: str, invitation: Invitation | None = None):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.invitation = invitation


def rsvp_token(*, invitation: Invitation, choice: str) -> str:
    return signing.dumps({"i": invitation.pk, "c": choice}, salt=RSVP_SALT)


def rsvp_url(*, invitation: Invitation, choice: str) -> str:
    token = rsvp_token(invitation=invitation, choice=choice)
    return absolute_url(reverse("swg:rsvp", args=[token]))


def rsvp_link_read(*, token: str, now: dt.datetime | None = None) -> tuple[Invitation, str]:
    """The invitation and the answer a link carries. A link is good until the
    meeting ends (its end as it is now, so a meeting moved later keeps its
    links working); raises ``RsvpLinkError`` otherwise."""
    try:
        data = signing.loads(token, salt=RSVP_SALT)
        invitation_id, choice = int(data["i"]), data["c"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise RsvpLinkError(
            "invalid",
            _(
                "This answer link is not valid. It may have been cut off or changed; "
                "open it again from the invitation email."
            ),
        ) from None
    if choice not in RSVP_CHOICES:
        raise RsvpLinkError("invalid", _("This answer link is not valid."))
    invitation = (
        Invitation.objects.select_related("meeting__swg", "meeting__postponed_to", "contact")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        raise RsvpLinkError("gone", _("This invitation has been withdrawn."))
    meeting = invitation.meeting
    if meeting.status == Meeting.Status.CANCELLED:
        raise RsvpLinkError("closed", _("This meeting has been cancelled."), invitation)
    if meeting.status == Meeting.Status.POSTPONED:
        raise RsvpLinkError(
            "closed",
            _("This meeting has been postponed; please answer the invitation for the new date."),
            invitation,
        )
    if (now or timezone.now()) >= meeting.ends_at:
        raise RsvpLinkError(
            "expired",
            _("This meeting is over, so its answer links no longer work."),
            invitation,
        )
    return invitation, choice


@transaction.atomic
def invitation_respond(*, invitation: Invitation, choice: str) -> bool:
    """Record an answer; the same answer twice changes nothing. Returns
    whether the answer changed."""
    if choice not in RSVP_CHOICES:
        raise ValidationError({"rsvp": _("Choose accept, tentative or decline.")})
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.rsvp == choice:
        return False
    invitation.rsvp = choice
    invitation.rsvp_at = timezone.now()
    invitation.rsvp_source = Invitation.RsvpSource.LINK
    invitation.save(update_fields=["rsvp", "rsvp_at", "rsvp_source"])
    return True
