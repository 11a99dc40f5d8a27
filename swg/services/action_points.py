"""Writes for action points (DESIGN §3 "Meeting": owner, due date, status,
carried from meeting to meeting until closed)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.history import history_attribute

from ..models import (
    CIRCULATED_ACTION_POINTS,
    ActionPoint,
    Contact,
    Minutes,
    MinutesItem,
    Organization,
)
from . import notifications
from .common import locked, refuse
from .minutes import minutes_require_editable


def _validate_owner(organization: Organization | None, contact: Contact | None) -> None:
    if organization is None:
        refuse(_("Choose the organization that owns this action point."), "owner_organization")
    if contact is not None and contact.organization_id != organization.pk:
        refuse(_("This person works for another organization."), "owner_contact")


def _validate_description(description_en: str, description_ar: str) -> None:
    # DESIGN §2: the text in English or Arabic, or both.
    if not description_en.strip() and not description_ar.strip():
        refuse(_("Describe the action in English or Arabic (or both)."), "description_en")


@transaction.atomic
def action_point_add(
    *,
    minutes: Minutes,
    description_en: str = "",
    description_ar: str = "",
    owner_organization: Organization,
    due_date: dt.date,
    minutes_item: MinutesItem,
    owner_contact: Contact | None = None,
    by=None,
) -> ActionPoint:
    """An action point agreed at the minutes' meeting, under one of its items.
    It reaches the members when the minutes are circulated."""
    minutes = locked(Minutes, minutes.pk)
    minutes_require_editable(minutes=minutes)
    if minutes_item is None or minutes_item.minutes_id != minutes.pk:
        refuse(_("Choose an item of these minutes."), "minutes_item")
    _validate_description(description_en, description_ar)
    _validate_owner(owner_organization, owner_contact)
    meeting = minutes.meeting
    action_point = ActionPoint(
        swg_id=meeting.swg_id,
        source_meeting=meeting,
        minutes_item=minutes_item,
        description_en=description_en.strip(),
        description_ar=description_ar.strip(),
        owner_organization=owner_organization,
        owner_contact=owner_contact,
        due_date=due_date,
    )
    history_attribute(action_point, by=by).save()
    return action_point


@transaction.atomic
def action_point_update(
    *,
    action_point: ActionPoint,
    description_en: str = "",
    description_ar: str = "",
    owner_organization: Organization,
    due_date: dt.date,
    owner_contact: Contact | None = None,
    status: str | None = None,
    by=None,
) -> ActionPoint:
    """The secretariat corrects an action point (owner, person, due date)."""
    action_point = locked(ActionPoint, action_point.pk)
    _validate_description(description_en, description_ar)
    _validate_owner(owner_organization, owner_contact)
    owner_changed = action_point.owner_organization_id != owner_organization.pk
    action_point.description_en = description_en.strip()
    action_point.description_ar = description_ar.strip()
    action_point.owner_organization = owner_organization
    action_point.owner_contact = owner_contact
    action_point.due_date = due_date
    history_attribute(action_point, by=by).save()
    if (
        owner_changed
        and ActionPoint.objects.filter(CIRCULATED_ACTION_POINTS, pk=action_point.pk).exists()
    ):
        notifications.action_point_assigned_notify(action_point=action_point)
    if status is not None and status != action_point.status:
        action_point = action_point_set_status(action_point=action_point, status=status, by=by)
    return action_point


@transaction.atomic
def action_point_set_status(
    *, action_point: ActionPoint, status: str, note: str = "", by=None
) -> ActionPoint:
    """Move an action point on, with a progress note if given; done or dropped
    closes it (it is then no longer carried to the next meetings). Each note is
    kept in the history with who wrote it and when."""
    action_point = locked(ActionPoint, action_point.pk)
    if status not in ActionPoint.Status.values:
        refuse(_("Choose a status."), "status")
    note = note.strip()
    if status == action_point.status and (not note or note == action_point.progress_note):
        return action_point
    if note:
        action_point.progress_note = note
    action_point.status = status
    if status in ActionPoint.OPEN_STATUSES:
        action_point.closed_on = None
    elif action_point.closed_on is None:
        action_point.closed_on = timezone.localdate()
    history_attribute(action_point, by=by).save()
    return action_point


@transaction.atomic
def action_point_delete(*, action_point: ActionPoint, by=None) -> None:
    """Only while the minutes it was written in are still a draft; afterwards
    an action point that will not happen is "dropped"."""
    action_point = locked(ActionPoint, action_point.pk)
    item = action_point.minutes_item
    if item is None or item.minutes.status not in Minutes.EDITABLE_STATUSES:
        refuse(_("Only action points of draft minutes can be removed; mark it dropped instead."))
    history_attribute(action_point, by=by).delete()
