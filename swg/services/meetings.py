"""Writes for meetings and their agendas: plan, change, cancel, postpone, mark
held (DESIGN §3 "Meeting").

Assessment Annex 1.1: the MoP secretariat "prepares the agenda, sets dates,
sends invitations". Each function is one business action, keyword-only, in a
transaction, raising ``ValidationError`` with field keys. What the invitees are
told of a change is ``swg.services.invitations``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordination.history import history_attribute

from ..models import SWG, ActionPoint, AgendaItem, Contact, Invitation, Meeting
from .common import locked, refuse, row_copy
from .invitations import (
    invitations_notify_cancellation,
    invitations_notify_update,
    invitations_send,
)

# A change to any of these is one the invitees' calendars must show (RFC 5546).
DATE_OR_PLACE = (
    "starts_at",
    "ends_at",
    "city",
    "city_other",
    "venue_en",
    "venue_ar",
    "online_url",
)


def _to_minute(value: dt.datetime) -> dt.datetime:
    return value.replace(second=0, microsecond=0)


def _require_status(meeting: Meeting, *allowed: str, message: str) -> None:
    if meeting.status not in allowed:
        raise ValidationError(message)


# ------------------------------------------------------------------ the meeting


@dataclass(kw_only=True)
class MeetingDetails:
    """What the secretariat sets when planning or changing a meeting: one field
    set for ``meeting_plan`` and ``meeting_update`` (``MeetingForm`` has the same)."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    title_en: str = ""
    title_ar: str = ""
    kind: str = Meeting.Kind.SWG
    is_formal: bool = True
    city: str = Meeting.City.TRIPOLI
    city_other: str = ""
    venue_en: str = ""
    venue_ar: str = ""
    online_url: str = ""

    def values(self) -> dict:
        """The fields as stored: text trimmed, the other city only for "Other city"."""
        return {
            "kind": self.kind,
            "is_formal": self.is_formal,
            "title_en": self.title_en.strip(),
            "title_ar": self.title_ar.strip(),
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "city": self.city,
            "city_other": self.city_other.strip() if self.city == Meeting.City.OTHER else "",
            "venue_en": self.venue_en.strip(),
            "venue_ar": self.venue_ar.strip(),
            "online_url": self.online_url,
        }


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
def meeting_plan(*, swg: SWG, by=None, **details) -> Meeting:
    """Plan a meeting of ``swg``; ``details`` are ``MeetingDetails``' fields."""
    values = MeetingDetails(**details).values()
    if not swg.is_active:
        raise ValidationError(_("This group has been retired; it holds no more meetings."))
    meeting = Meeting(swg=swg, created_by=by, **values)
    _validate_meeting(meeting)
    history_attribute(meeting, by=by).save()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by=None, **details) -> tuple[Meeting, int]:
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
    new = MeetingDetails(**details).values()
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
    history_attribute(meeting, by=by).save()
    if not moved:
        return meeting, 0
    return meeting, invitations_notify_update(meeting=meeting)


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
    history_attribute(meeting, by=by).save()
    return invitations_notify_cancellation(meeting=meeting)


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
        venue_en=meeting.venue_en,
        venue_ar=meeting.venue_ar,
        online_url=meeting.online_url,
        created_by=by,
    )
    _validate_meeting(new)
    history_attribute(new, by=by).save()
    for item in meeting.agenda_items.all():
        row_copy(item, meeting=new, by=by)
    for invitation in meeting.invitations.all():
        history_attribute(
            Invitation(
                meeting=new, contact_id=invitation.contact_id, is_ad_hoc=invitation.is_ad_hoc
            ),
            by=by,
        ).save()
    meeting.status = Meeting.Status.POSTPONED
    meeting.status_reason = reason.strip()
    meeting.postponed_to = new
    meeting.sequence += 1
    history_attribute(meeting, by=by).save()
    if invitations_notify_cancellation(meeting=meeting):
        invitations_send(meeting=new, by=by)
    return new


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by=None) -> Meeting:
    """Planned → held, once the meeting has started. Attendance must be recorded
    first: the meeting's government and gender figures come from it (DESIGN §4).
    Informal meetings stop here; formal ones go on to minutes."""
    meeting = locked(Meeting, meeting.pk)
    if meeting.status != Meeting.Status.PLANNED:
        refuse(
            _("Only a planned meeting can be marked as held; this one is %(status)s.")
            % {"status": meeting.get_status_display().lower()}
        )
    if meeting.starts_at > timezone.now():
        refuse(_("The meeting has not started yet."))
    if not meeting.attendance.exists():
        refuse(_("Record the attendance before marking the meeting as held."))
    meeting.status = Meeting.Status.HELD
    history_attribute(meeting, by=by).save(update_fields=["status"])
    return meeting


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
    time: dt.time | None = None,
    by=None,
) -> AgendaItem:
    _require_agenda_editable(meeting)
    last = meeting.agenda_items.aggregate(last=Max("order"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        order=last + 1,
        time=time,
        title_en=title_en.strip(),
        title_ar=title_ar.strip(),
        presenter=presenter,
        document_url=document_url,
        action_point=action_point,
    )
    _validate_item(item)
    history_attribute(item, by=by).save()
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    title_en: str = "",
    title_ar: str = "",
    presenter: Contact | None = None,
    document_url: str = "",
    time: dt.time | None = None,
    by=None,
) -> AgendaItem:
    _require_agenda_editable(item.meeting)
    item.time = time
    item.title_en = title_en.strip()
    item.title_ar = title_ar.strip()
    item.presenter = presenter
    item.document_url = document_url
    _validate_item(item)
    history_attribute(item, by=by).save()
    return item


def _renumber(items: list[AgendaItem], by) -> None:
    for order, item in enumerate(items, start=1):
        if item.order != order:
            item.order = order
            history_attribute(item, by=by).save(update_fields=["order"])


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
    history_attribute(item, by=by).delete()
    _renumber(list(meeting.agenda_items.order_by("order", "pk")), by)


@transaction.atomic
def agenda_follow_ups_add(
    *, meeting: Meeting, action_points: Iterable[ActionPoint], by=None
) -> list[AgendaItem]:
    """Put open, circulated action points of the group on the agenda as "Follow-up: …"
    items (assessment: decisions are followed up from meeting to meeting).
    Points already on this agenda are skipped."""
    _require_agenda_editable(meeting)
    on_agenda = set(
        meeting.agenda_items.filter(action_point__isnull=False).values_list(
            "action_point_id", flat=True
        )
    )
    action_points = list(action_points)
    # The agenda reaches partners (meeting page, calendar feed, invitations):
    # a point of minutes not yet circulated is draft content (DESIGN §3 "Meeting").
    circulated = set(
        ActionPoint.objects.circulated()
        .filter(pk__in=[point.pk for point in action_points])
        .values_list("pk", flat=True)
    )
    added = []
    for point in action_points:
        if point.swg_id != meeting.swg_id or not point.is_open:
            raise ValidationError(
                {"action_points": _("Only open action points of this group can be followed up.")}
            )
        if point.pk not in circulated:
            raise ValidationError(
                {"action_points": _("Only action points of circulated minutes can be followed up.")}
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
