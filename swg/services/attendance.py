"""Writes for the attendance of a meeting (DESIGN §3 "Meeting", §4: government
participation and the gender figures are counted from it)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from coordination.history import history_attribute

from ..models import Attendance, Contact, Meeting
from ..selectors.attendance import ATTENDANCE_OPEN_STATUSES
from .common import locked, refuse


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    entries: Iterable[tuple[Contact, str]],
    walk_in: bool = False,
    by=None,
) -> list[Attendance]:
    """Record present/absent/excused for several people at once, all or nothing.

    Only invitees, people already recorded as walk-ins, or — with ``walk_in`` —
    anyone else may be recorded. The organization stored is the person's
    organization at the time (government participation is counted from it).
    """
    meeting = locked(Meeting, meeting.pk)
    if meeting.status not in ATTENDANCE_OPEN_STATUSES:
        refuse(
            _("Attendance can no longer be changed: the meeting is %(status)s.")
            % {"status": meeting.get_status_display().lower()}
        )
    wanted: dict[int, tuple[Contact, str]] = {}
    for contact, status in entries:
        if status not in Attendance.Status.values:
            refuse(_("Choose present, absent or excused."), "status")
        wanted[contact.pk] = (contact, status)
    invited = set(
        meeting.invitations.filter(contact_id__in=wanted).values_list("contact_id", flat=True)
    )
    existing = {
        a.contact_id: a
        for a in Attendance.objects.select_for_update().filter(
            meeting=meeting, contact_id__in=wanted
        )
    }
    for contact_id, (contact, _status) in wanted.items():
        allowed = contact_id in invited or contact_id in existing or walk_in
        if not allowed:
            refuse(
                _(
                    "%(name)s was not invited to this meeting: add them as a walk-in. "
                    "Nothing was saved."
                )
                % {"name": contact.name},
                "contact",
            )
    saved = []
    for contact_id, (contact, status) in wanted.items():
        attendance = existing.get(contact_id)
        if attendance is None:
            attendance = Attendance(
                meeting=meeting,
                contact=contact,
                organization_id=contact.organization_id,
                is_walk_in=contact_id not in invited,
                status=status,
            )
        elif attendance.status == status:
            saved.append(attendance)
            continue
        attendance.status = status
        history_attribute(attendance, by=by).save()
        saved.append(attendance)
    return saved


def attendance_add_walk_in(
    *, meeting: Meeting, contact: Contact, status: str = Attendance.Status.PRESENT, by=None
) -> Attendance:
    """Someone who came without an invitation (never made a member by it)."""
    return attendance_record(meeting=meeting, entries=[(contact, status)], walk_in=True, by=by)[0]


def attendance_all_invited_present(*, meeting: Meeting, by=None) -> list[Attendance]:
    """Every invitee present in one step ("all invited present"); walk-ins and
    their rows stay as recorded, and any row may be changed afterwards."""
    invitees = [
        invitation.contact
        for invitation in meeting.invitations.select_related("contact").order_by("pk")
    ]
    if not invitees:
        refuse(_("Nobody is invited to this meeting: add the people who came as walk-ins."))
    return attendance_record(
        meeting=meeting, entries=[(c, Attendance.Status.PRESENT) for c in invitees], by=by
    )
