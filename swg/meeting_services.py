"""Writes for meetings: plan, change, agenda, invitations, RSVP, calendar feeds.

Assessment Annex 1.1: the MoP secretariat "prepares the agenda, sets dates,
sends invitations". Each function is one business action, keyword-only, in a
transaction, raising ``ValidationError`` with field keys. Every email goes
through ``coordination.outbox`` in the recipient's language, so a job or a
double click never sends the same message twice: the object key carries the
meeting's SEQUENCE, so each change is a new message and a repeat is not.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordination.models import OutboxMessage
from coordination.outbox import absolute_url, outbox_enqueue

from . import ical
from .models import SWG, ActionPoint, AgendaItem, CalendarToken, Contact, Invitation, Meeting
from .selectors import swg_contact_list

PURPOSE_INVITATION = "meeting.invitation"
PURPOSE_UPDATE = "meeting.update"
PURPOSE_CANCELLATION = "meeting.cancellation"

# A change to any of these is one the invitees' calendars must show (RFC 5546).
DATE_OR_PLACE = ("starts_at", "ends_at", "city", "city_other", "venue", "online_url")

RSVP_SALT = "swg.meeting.rsvp"
RSVP_CHOICES = (
    Invitation.Rsvp.ACCEPTED,
    Invitation.Rsvp.TENTATIVE,
    Invitation.Rsvp.DECLINED,
)


def _tag(instance, user):
    """Attribute the history row to ``user`` outside a request (tasks, commands)."""
    if user is not None:
        instance._history_user = user
    return instance


def _object_key(meeting: Meeting, suffix: str = "") -> str:
    return f"meeting:{meeting.pk}:seq{meeting.sequence}{suffix}"


def _to_minute(value: dt.datetime) -> dt.datetime:
    return value.replace(second=0, microsecond=0)


def _require_status(meeting: Meeting, *allowed: str, message: str) -> None:
    if meeting.status not in allowed:
        raise ValidationError(message)


# ------------------------------------------------------------------ the meeting


def _validate_meeting(meeting: Meeting) -> None:
    errors = {}
    if not meeting.title_en.strip() and not meeting.title_ar.strip():
        errors["title_en"] = _("Give the title in English or Arabic (or both).")
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = _("The meeting must end after it starts.")
    if meeting.city == Meeting.City.OTHER and not meeting.city_other.strip():
        errors["city_other"] = _("Name the city.")
    if meeting.city == Meeting.City.ONLINE and not meeting.online_url:
        errors["online_url"] = _("An online meeting needs its link.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_plan(
    *,
    swg: SWG,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    title_en: str = "",
    title_ar: str = "",
    kind: str = Meeting.Kind.SWG,
    is_formal: bool = True,
    city: str = Meeting.City.TRIPOLI,
    city_other: str = "",
    venue: str = "",
    online_url: str = "",
    by=None,
) -> Meeting:
    if not swg.is_active:
        raise ValidationError(_("This group has been retired; it holds no more meetings."))
    meeting = Meeting(
        swg=swg,
        kind=kind,
        is_formal=is_formal,
        title_en=title_en.strip(),
        title_ar=title_ar.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        city=city,
        city_other=city_other.strip() if city == Meeting.City.OTHER else "",
        venue=venue.strip(),
        online_url=online_url,
        created_by=by,
    )
    _validate_meeting(meeting)
    _tag(meeting, by).save()
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    title_en: str = "",
    title_ar: str = "",
    kind: str = Meeting.Kind.SWG,
    is_formal: bool = True,
    city: str = Meeting.City.TRIPOLI,
    city_other: str = "",
    venue: str = "",
    online_url: str = "",
    by=None,
) -> tuple[Meeting, int]:
    """Change a meeting. A new date or place raises SEQUENCE and sends the
    update to the invitees already told of the meeting (nobody else); returns
    the meeting and the number of updates queued."""
    _require_status(
        meeting,
        Meeting.Status.PLANNED,
        Meeting.Status.HELD,
        Meeting.Status.CIRCULATED,
        message=_("A cancelled or postponed meeting can no longer be changed."),
    )
    new = {
        "kind": kind,
        "is_formal": is_formal,
        "title_en": title_en.strip(),
        "title_ar": title_ar.strip(),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "city": city,
        "city_other": city_other.strip() if city == Meeting.City.OTHER else "",
        "venue": venue.strip(),
        "online_url": online_url,
    }
    for name in ("starts_at", "ends_at"):
        # Forms work to the minute: the same minute is no change (and no update email).
        if _to_minute(getattr(meeting, name)) == _to_minute(new[name]):
            new[name] = getattr(meeting, name)
    moved = any(getattr(meeting, name) != new[name] for name in DATE_OR_PLACE)
    if moved and meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("The date and place of a meeting that was held stay as they were."))
    for name, value in new.items():
        setattr(meeting, name, value)
    _validate_meeting(meeting)
    if moved:
        meeting.sequence += 1
    _tag(meeting, by).save()
    if not moved:
        return meeting, 0
    agenda = list(meeting.agenda_items.select_related("presenter"))
    queued = sum(
        _send(invitation, purpose=PURPOSE_UPDATE, template="meeting_update", agenda=agenda)
        for invitation in _informed_invitations(meeting)
    )
    return meeting, queued


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str = "", by=None) -> int:
    """Cancel a planned meeting; invitees get METHOD:CANCEL. Returns the
    number of cancellations queued."""
    _require_status(
        meeting, Meeting.Status.PLANNED, message=_("Only a planned meeting can be cancelled.")
    )
    meeting.status = Meeting.Status.CANCELLED
    meeting.status_reason = reason.strip()
    meeting.sequence += 1
    _tag(meeting, by).save()
    return _notify_cancellation(meeting)


@transaction.atomic
def meeting_postpone(
    *,
    meeting: Meeting,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str = "",
    by=None,
) -> Meeting:
    """Mark the meeting postponed and plan its successor with the same agenda
    and invitees. The invitees get a cancellation that names the new date and,
    if they had been invited, an invitation to the new meeting."""
    _require_status(
        meeting, Meeting.Status.PLANNED, message=_("Only a planned meeting can be postponed.")
    )
    new = Meeting(
        swg=meeting.swg,
        kind=meeting.kind,
        is_formal=meeting.is_formal,
        title_en=meeting.title_en,
        title_ar=meeting.title_ar,
        starts_at=starts_at,
        ends_at=ends_at,
        city=meeting.city,
        city_other=meeting.city_other,
        venue=meeting.venue,
        online_url=meeting.online_url,
        created_by=by,
    )
    _validate_meeting(new)
    _tag(new, by).save()
    for item in meeting.agenda_items.all():
        _tag(
            AgendaItem(
                meeting=new,
                order=item.order,
                title_en=item.title_en,
                title_ar=item.title_ar,
                presenter_id=item.presenter_id,
                document_url=item.document_url,
                action_point_id=item.action_point_id,
            ),
            by,
        ).save()
    for invitation in meeting.invitations.all():
        _tag(
            Invitation(
                meeting=new, contact_id=invitation.contact_id, is_ad_hoc=invitation.is_ad_hoc
            ),
            by,
        ).save()
    meeting.status = Meeting.Status.POSTPONED
    meeting.status_reason = reason.strip()
    meeting.postponed_to = new
    meeting.sequence += 1
    _tag(meeting, by).save()
    if _notify_cancellation(meeting):
        invitations_send(meeting=new, by=by)
    return new


# ------------------------------------------------------------------ agenda


def _require_agenda_editable(meeting: Meeting) -> None:
    _require_status(
        meeting,
        Meeting.Status.PLANNED,
        Meeting.Status.HELD,
        message=_("The agenda of a cancelled or postponed meeting stays as it was."),
    )


def _validate_item(item: AgendaItem) -> None:
    if not item.title_en.strip() and not item.title_ar.strip():
        raise ValidationError({"title_en": _("Give the item in English or Arabic (or both).")})


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    title_en: str = "",
    title_ar: str = "",
    presenter: Contact | None = None,
    document_url: str = "",
    action_point: ActionPoint | None = None,
    by=None,
) -> AgendaItem:
    _require_agenda_editable(meeting)
    last = meeting.agenda_items.aggregate(last=Max("order"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        order=last + 1,
        title_en=title_en.strip(),
        title_ar=title_ar.strip(),
        presenter=presenter,
        document_url=document_url,
        action_point=action_point,
    )
    _validate_item(item)
    _tag(item, by).save()
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    title_en: str = "",
    title_ar: str = "",
    presenter: Contact | None = None,
    document_url: str = "",
    by=None,
) -> AgendaItem:
    _require_agenda_editable(item.meeting)
    item.title_en = title_en.strip()
    item.title_ar = title_ar.strip()
    item.presenter = presenter
    item.document_url = document_url
    _validate_item(item)
    _tag(item, by).save()
    return item


def _renumber(items: list[AgendaItem], by) -> None:
    for order, item in enumerate(items, start=1):
        if item.order != order:
            item.order = order
            _tag(item, by).save(update_fields=["order"])


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, by=None) -> AgendaItem:
    """Swap the item with its neighbour ("up" or "down")."""
    _require_agenda_editable(item.meeting)
    if direction not in ("up", "down"):
        raise ValidationError(_("Move an item up or down."))
    items = list(item.meeting.agenda_items.select_for_update().order_by("order", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    _renumber(items, by)
    return next(other for other in items if other.pk == item.pk)


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by=None) -> None:
    meeting = item.meeting
    _require_agenda_editable(meeting)
    _tag(item, by).delete()
    _renumber(list(meeting.agenda_items.order_by("order", "pk")), by)


@transaction.atomic
def agenda_follow_ups_add(
    *, meeting: Meeting, action_points: Iterable[ActionPoint], by=None
) -> list[AgendaItem]:
    """Put open action points of the group on the agenda as "Follow-up: …"
    items (assessment: decisions are followed up from meeting to meeting).
    Points already on this agenda are skipped."""
    _require_agenda_editable(meeting)
    on_agenda = set(
        meeting.agenda_items.filter(action_point__isnull=False).values_list(
            "action_point_id", flat=True
        )
    )
    added = []
    for point in action_points:
        if point.swg_id != meeting.swg_id or not point.is_open:
            raise ValidationError(
                {"action_points": _("Only open action points of this group can be followed up.")}
            )
        if point.pk in on_agenda:
            continue
        titles = {}
        for language in ("en", "ar"):
            with translation.override(language):
                titles[language] = _("Follow-up: %(action)s") % {"action": point.description}
        added.append(
            agenda_item_add(
                meeting=meeting,
                title_en=titles["en"][:300],
                title_ar=titles["ar"][:300],
                presenter=point.owner_contact,
                action_point=point,
                by=by,
            )
        )
        on_agenda.add(point.pk)
    return added


# ------------------------------------------------------------------ invitations


@transaction.atomic
def invitations_add(*, meeting: Meeting, contacts: Iterable[Contact], by=None) -> list[Invitation]:
    """Invite people. Whoever is not one of the group's people (members in
    their own name or SWG focal points of member organizations) is an ad-hoc
    invitee, and stays one: an invitation never makes anybody a member."""
    _require_status(
        meeting, Meeting.Status.PLANNED, message=_("Invitations are for planned meetings.")
    )
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
        _tag(invitation, by).save()
        created.append(invitation)
        already.add(contact.pk)
    return created


@transaction.atomic
def invitation_remove(*, invitation: Invitation, by=None) -> bool:
    """Withdraw an invitation; someone already invited gets a cancellation for
    their calendar. Returns whether a cancellation was queued."""
    meeting = invitation.meeting
    _require_status(
        meeting, Meeting.Status.PLANNED, message=_("Invitations are for planned meetings.")
    )
    informed = invitation.contact.email.lower() in _informed_emails(meeting)
    queued = False
    if informed:
        queued = bool(
            _send(
                invitation,
                purpose=PURPOSE_CANCELLATION,
                template="meeting_cancellation",
                suffix=":withdrawn",
                extra={"withdrawn": True},
            )
        )
    _tag(invitation, by).delete()
    return queued


@transaction.atomic
def invitations_send(*, meeting: Meeting, by=None) -> int:
    """Email each invitee not yet told of the meeting its invitation with an
    .ics file; returns how many were queued (0 when everybody has one)."""
    _require_status(
        meeting, Meeting.Status.PLANNED, message=_("Invitations are for planned meetings.")
    )
    invitations = list(meeting.invitations.select_related("contact"))
    if not invitations:
        raise ValidationError(_("Invite somebody first."))
    informed = _informed_emails(meeting)
    agenda = list(meeting.agenda_items.select_related("presenter"))
    queued = 0
    for invitation in invitations:
        if invitation.contact.email.lower() in informed:
            continue
        queued += _send(
            invitation, purpose=PURPOSE_INVITATION, template="meeting_invitation", agenda=agenda
        )
    if queued or meeting.invitations_sent_at is None:
        meeting.invitations_sent_at = timezone.now()
        _tag(meeting, by).save(update_fields=["invitations_sent_at"])
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
        if invitation.contact.email.lower() in informed
    ]


def _notify_cancellation(meeting: Meeting) -> int:
    return sum(
        _send(invitation, purpose=PURPOSE_CANCELLATION, template="meeting_cancellation")
        for invitation in _informed_invitations(meeting)
    )


def _send(
    invitation: Invitation,
    *,
    purpose: str,
    template: str,
    suffix: str = "",
    extra: dict | None = None,
    agenda: list[AgendaItem] | None = None,
) -> int:
    """Queue one message to one invitee, rendered in their language."""
    meeting = invitation.meeting
    contact = invitation.contact
    language = contact.preferred_language
    cancel = purpose == PURPOSE_CANCELLATION
    if agenda is None:
        agenda = [] if cancel else list(meeting.agenda_items.select_related("presenter"))
    with translation.override(language):
        recipient_name = contact.name
        if cancel:
            ics = ical.cancellation_ics(invitation=invitation)
        else:
            ics = ical.invitation_ics(invitation=invitation, agenda=agenda)
    context = {
        "meeting": meeting,
        "invitation": invitation,
        "agenda": agenda,
        "meeting_url": absolute_url(meeting.get_absolute_url()),
        **(extra or {}),
    }
    if cancel and meeting.postponed_to_id:
        context["postponed_to"] = meeting.postponed_to
    if not cancel:
        context["rsvp_links"] = [
            (choice, rsvp_url(invitation=invitation, choice=choice)) for choice in RSVP_CHOICES
        ]
    _message, created = outbox_enqueue(
        purpose=purpose,
        object_key=_object_key(meeting, suffix),
        recipient_email=contact.email,
        recipient_name=recipient_name,
        template=template,
        context=context,
        language=language,
        swg=meeting.swg,
        attachments=[
            ical.ics_attachment(
                ics,
                method="CANCEL" if cancel else "REQUEST",
                filename="cancel.ics" if cancel else "invite.ics",
            )
        ],
    )
    return int(created)


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
    invitation.save(update_fields=["rsvp", "rsvp_at"])
    return True


# ------------------------------------------------------------------ calendar feeds


@transaction.atomic
def calendar_token_create(*, user) -> CalendarToken:
    """A new private feed address; the previous one stops working, so a
    leaked address is dealt with by making a new one."""
    calendar_token_revoke_all(user=user)
    return CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))


def calendar_token_revoke_all(*, user) -> int:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def calendar_token_revoke(*, token: CalendarToken) -> CalendarToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
