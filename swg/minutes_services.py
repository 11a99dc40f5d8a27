"""Writes for attendance, minutes, action points and the annual membership
review (DESIGN §3 "Meeting", "Membership"; assessment Annex 1.1).

Each function is one business action, keyword-only, wrapped in a transaction,
and raises ``ValidationError`` with field keys (``None`` when the whole action
is refused) so views can show the message at the field or on top.

Minutes move draft → submitted → approved (or returned → draft again) →
circulated. Approved minutes are locked; a correction is a new version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coordination.outbox import absolute_url, outbox_enqueue

from . import minutes_selectors as selectors
from .models import (
    ActionPoint,
    Attendance,
    Contact,
    Meeting,
    Membership,
    MembershipReview,
    Minutes,
    MinutesItem,
    Organization,
    pick_language,
)
from .services import _tag, membership_end

EDITABLE_STATUSES = (Minutes.Status.DRAFT, Minutes.Status.RETURNED)
CIRCULATED_PURPOSE = "minutes.circulated"


def _refuse(message: str, field: str | None = None):
    raise ValidationError({field: message} if field else message)


def _lock(model, pk):
    """Re-read a row under a lock so two requests cannot move it twice."""
    return model.objects.select_for_update().get(pk=pk)


# ---------------------------------------------------------------- attendance


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
    meeting = _lock(Meeting, meeting.pk)
    if meeting.status not in selectors.ATTENDANCE_OPEN_STATUSES:
        _refuse(
            _("Attendance can no longer be changed: the meeting is %(status)s.")
            % {"status": meeting.get_status_display().lower()}
        )
    wanted: dict[int, tuple[Contact, str]] = {}
    for contact, status in entries:
        if status not in Attendance.Status.values:
            _refuse(_("Choose present, absent or excused."), "status")
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
            _refuse(
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
        _tag(attendance, by).save()
        saved.append(attendance)
    return saved


def attendance_add_walk_in(
    *, meeting: Meeting, contact: Contact, status: str = Attendance.Status.PRESENT, by=None
) -> Attendance:
    """Someone who came without an invitation (never made a member by it)."""
    return attendance_record(meeting=meeting, entries=[(contact, status)], walk_in=True, by=by)[0]


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by=None) -> Meeting:
    """Planned → held, once the meeting has started. Attendance must be recorded
    first: the meeting's government and gender figures come from it (DESIGN §4).
    Informal meetings stop here; formal ones go on to minutes."""
    meeting = _lock(Meeting, meeting.pk)
    if meeting.status != Meeting.Status.PLANNED:
        _refuse(
            _("Only a planned meeting can be marked as held; this one is %(status)s.")
            % {"status": meeting.get_status_display().lower()}
        )
    if meeting.starts_at > timezone.now():
        _refuse(_("The meeting has not started yet."))
    if not meeting.attendance.exists():
        _refuse(_("Record the attendance before marking the meeting as held."))
    meeting.status = Meeting.Status.HELD
    _tag(meeting, by).save(update_fields=["status"])
    return meeting


# ---------------------------------------------------------------- minutes


def minutes_attendance_text(*, meeting: Meeting, language: str = "en") -> str:
    """The attendance paragraph of the minutes, written from the sheet."""
    groups = {s: [] for s in Attendance.Status.values}
    with translation.override(language):
        for a in (
            Attendance.objects.filter(meeting=meeting)
            .select_related("contact", "organization")
            .order_by("contact__name_en", "contact__name_ar")
        ):
            org = a.organization.acronym or a.organization.name
            label = f"{a.contact.name} ({org})"
            if a.is_walk_in:
                label = _("%(person)s, walk-in") % {"person": label}
            groups[a.status].append(label)
        figures = selectors.meeting_attendance_figures(meeting=meeting)
        lines = []
        for status, heading in Attendance.Status.choices:
            if groups[status]:
                lines.append(f"{heading} ({len(groups[status])}): " + "; ".join(groups[status]))
        lines.append(
            _("Government participants: %(gov)s · Women: %(women)s · Men: %(men)s")
            % {"gov": figures.government_count, "women": figures.women, "men": figures.men}
        )
        return "\n".join(lines)


@transaction.atomic
def minutes_start(*, meeting: Meeting, by=None) -> Minutes:
    """Draft minutes for a held formal meeting: the attendance is written from
    the sheet and there is one item per agenda item."""
    meeting = _lock(Meeting, meeting.pk)
    if not selectors.meeting_minutes_are_needed(meeting):
        _refuse(_("Informal meetings need no minutes; marking the meeting as held is enough."))
    if meeting.status != Meeting.Status.HELD:
        _refuse(_("Mark the meeting as held before drafting its minutes."))
    if Minutes.objects.filter(meeting=meeting).exists():
        _refuse(_("This meeting already has minutes; open them instead."))
    language = getattr(by, "language", "") or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    minutes = Minutes(
        meeting=meeting,
        version=1,
        language=language,
        attendance_text=minutes_attendance_text(meeting=meeting, language=language),
        created_by=by,
    )
    _tag(minutes, by).save()
    with translation.override(language):
        for n, agenda_item in enumerate(meeting.agenda_items.order_by("order", "pk"), start=1):
            _tag(
                MinutesItem(
                    minutes=minutes,
                    agenda_item=agenda_item,
                    order=n,
                    title=pick_language(agenda_item.title_en, agenda_item.title_ar)[:300]
                    or _("Item %(n)s") % {"n": n},
                ),
                by,
            ).save()
    return minutes


def _require_editable(minutes: Minutes) -> None:
    if minutes.is_locked:
        _refuse(_("Approved minutes are locked. Create a correction to change them."))
    if minutes.status not in EDITABLE_STATUSES:
        _refuse(_("These minutes are with the chair; wait until they are approved or returned."))


@transaction.atomic
def minutes_save(
    *,
    minutes: Minutes,
    summary: str,
    attendance_text: str,
    language: str,
    items: list[dict],
    by=None,
) -> Minutes:
    """Save a draft. ``items`` are dicts with ``title``, ``discussion``,
    ``decisions``, ``order`` and, for existing items, ``id`` (and ``delete``)."""
    minutes = _lock(Minutes, minutes.pk)
    _require_editable(minutes)
    if language not in dict(settings.LANGUAGES):
        _refuse(_("Choose English or Arabic."), "language")
    minutes.summary = summary
    minutes.attendance_text = attendance_text
    minutes.language = language
    _tag(minutes, by).save()
    current = {item.pk: item for item in minutes.items.all()}
    for data in items:
        item = current.get(data.get("id")) if data.get("id") else None
        if data.get("id") and item is None:
            _refuse(_("This item belongs to other minutes."))
        if data.get("delete"):
            if item is not None:
                if item.action_points.exists():
                    _refuse(
                        _("“%(title)s” has action points; remove them before the item.")
                        % {"title": item.title}
                    )
                item.delete()
            continue
        if not (data.get("title") or "").strip():
            _refuse(_("Give every item a title."))
        item = item or MinutesItem(minutes=minutes)
        item.title = data["title"].strip()
        item.discussion = data.get("discussion", "")
        item.decisions = data.get("decisions", "")
        item.order = data.get("order") or 0
        _tag(item, by).save()
    return minutes


@transaction.atomic
def minutes_refill_attendance(*, minutes: Minutes, by=None) -> Minutes:
    minutes = _lock(Minutes, minutes.pk)
    _require_editable(minutes)
    minutes.attendance_text = minutes_attendance_text(
        meeting=minutes.meeting, language=minutes.language
    )
    _tag(minutes, by).save(update_fields=["attendance_text"])
    return minutes


@transaction.atomic
def minutes_submit(*, minutes: Minutes, by=None) -> Minutes:
    """The secretariat hands the draft to the chair."""
    minutes = _lock(Minutes, minutes.pk)
    _require_editable(minutes)
    minutes.status = Minutes.Status.SUBMITTED
    minutes.submitted_at = timezone.now()
    _tag(minutes, by).save()
    return minutes


@transaction.atomic
def minutes_approve(*, minutes: Minutes, by) -> Minutes:
    """The chair approves; from now on the minutes are locked."""
    minutes = _lock(Minutes, minutes.pk)
    if minutes.status != Minutes.Status.SUBMITTED:
        _refuse(
            _("Only minutes submitted to the chair can be approved; these are %(status)s.")
            % {"status": minutes.get_status_display().lower()}
        )
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_by = by
    minutes.approved_at = timezone.now()
    _tag(minutes, by).save()
    return minutes


@transaction.atomic
def minutes_return(*, minutes: Minutes, comment: str, by=None) -> Minutes:
    """The chair sends the draft back with a comment; it is editable again."""
    minutes = _lock(Minutes, minutes.pk)
    if minutes.status != Minutes.Status.SUBMITTED:
        _refuse(
            _("Only minutes submitted to the chair can be returned; these are %(status)s.")
            % {"status": minutes.get_status_display().lower()}
        )
    if not comment.strip():
        _refuse(_("Tell the secretariat what to change."), "comment")
    minutes.status = Minutes.Status.RETURNED
    minutes.returned_comment = comment.strip()
    _tag(minutes, by).save()
    return minutes


def minutes_text(*, minutes: Minutes) -> str:
    """The minutes as plain text, in the minutes' language (the email attachment
    and the download)."""
    detail = selectors.minutes_detail(minutes=minutes, user=None)
    with translation.override(minutes.language), timezone.override(settings.TIME_ZONE):
        return render_to_string(
            "swg/minutes/minutes.txt",
            {"minutes": minutes, "meeting": minutes.meeting, "swg": minutes.meeting.swg, **detail},
        )


def minutes_filename(minutes: Minutes) -> str:
    day = timezone.localtime(minutes.meeting.starts_at).date().isoformat()
    return f"minutes-{minutes.meeting.swg.slug}-{day}-v{minutes.version}.txt"


@transaction.atomic
def minutes_circulate(*, minutes: Minutes, by=None) -> int:
    """Send approved minutes to the members and MoP; returns how many messages
    were queued. The outbox's unique key (purpose, recipient, "minutes:<pk>")
    means nobody gets a second copy, even if this runs twice."""
    minutes = _lock(Minutes, minutes.pk)
    if minutes.status == Minutes.Status.CIRCULATED:
        _refuse(
            _("These minutes were already circulated on %(date)s; nobody is emailed twice.")
            % {"date": date_format(timezone.localtime(minutes.circulated_at), "j M Y, H:i")}
        )
    if minutes.status != Minutes.Status.APPROVED:
        _refuse(_("Only minutes approved by the chair can be circulated."))
    if Minutes.objects.filter(supersedes=minutes).exists():
        _refuse(_("A correction of these minutes is under way; circulate it once approved."))
    meeting = _lock(Meeting, minutes.meeting_id)
    minutes.meeting = meeting
    recipients = selectors.minutes_recipients(minutes=minutes)
    if not recipients:
        _refuse(_("The group has nobody to send the minutes to: add members with an email."))
    attachment = {
        "filename": minutes_filename(minutes),
        "mimetype": "text/plain",
        "content": minutes_text(minutes=minutes),
    }
    url = absolute_url(minutes.get_absolute_url())
    created = 0
    for recipient in recipients:
        _message, is_new = outbox_enqueue(
            purpose=CIRCULATED_PURPOSE,
            object_key=f"minutes:{minutes.pk}",
            recipient_email=recipient.email,
            recipient_name=recipient.name,
            language=recipient.language,
            template="minutes_circulated",
            context={"minutes": minutes, "meeting": meeting, "swg": meeting.swg, "url": url},
            swg=meeting.swg,
            attachments=[attachment],
        )
        created += is_new
    minutes.status = Minutes.Status.CIRCULATED
    minutes.circulated_at = timezone.now()
    _tag(minutes, by).save()
    if meeting.status != Meeting.Status.CIRCULATED:
        meeting.status = Meeting.Status.CIRCULATED
        _tag(meeting, by).save(update_fields=["status"])
    return created


@transaction.atomic
def minutes_correct(*, minutes: Minutes, by=None) -> Minutes:
    """A correction of approved minutes: a new draft version with the content
    copied; the earlier version stays as it was, and visible."""
    minutes = _lock(Minutes, minutes.pk)
    if not minutes.is_locked:
        _refuse(_("These minutes are not approved yet: edit them instead."))
    if Minutes.objects.filter(meeting_id=minutes.meeting_id, version__gt=minutes.version).exists():
        _refuse(_("A newer version of these minutes exists; correct that one."))
    correction = Minutes(
        meeting_id=minutes.meeting_id,
        version=minutes.version + 1,
        supersedes=minutes,
        summary=minutes.summary,
        language=minutes.language,
        attendance_text=minutes.attendance_text,
        created_by=by,
    )
    _tag(correction, by).save()
    for item in minutes.items.order_by("order", "pk"):
        _tag(
            MinutesItem(
                minutes=correction,
                agenda_item_id=item.agenda_item_id,
                order=item.order,
                title=item.title,
                discussion=item.discussion,
                decisions=item.decisions,
            ),
            by,
        ).save()
    return correction


# ---------------------------------------------------------------- action points


def _validate_owner(organization: Organization | None, contact: Contact | None) -> None:
    if organization is None:
        _refuse(_("Choose the organization that owns this action point."), "owner_organization")
    if contact is not None and contact.organization_id != organization.pk:
        _refuse(_("This person works for another organization."), "owner_contact")


@transaction.atomic
def action_point_add(
    *,
    minutes: Minutes,
    description: str,
    owner_organization: Organization,
    due_date: dt.date,
    minutes_item: MinutesItem,
    owner_contact: Contact | None = None,
    by=None,
) -> ActionPoint:
    """An action point agreed at the minutes' meeting, under one of its items.
    It reaches the members when the minutes are circulated."""
    minutes = _lock(Minutes, minutes.pk)
    _require_editable(minutes)
    if minutes_item is None or minutes_item.minutes_id != minutes.pk:
        _refuse(_("Choose an item of these minutes."), "minutes_item")
    if not description.strip():
        _refuse(_("Describe the action."), "description")
    _validate_owner(owner_organization, owner_contact)
    meeting = minutes.meeting
    action_point = ActionPoint(
        swg_id=meeting.swg_id,
        source_meeting=meeting,
        minutes_item=minutes_item,
        description=description.strip(),
        owner_organization=owner_organization,
        owner_contact=owner_contact,
        due_date=due_date,
    )
    _tag(action_point, by).save()
    return action_point


@transaction.atomic
def action_point_update(
    *,
    action_point: ActionPoint,
    description: str,
    owner_organization: Organization,
    due_date: dt.date,
    owner_contact: Contact | None = None,
    status: str | None = None,
    by=None,
) -> ActionPoint:
    """The secretariat corrects an action point (owner, person, due date)."""
    action_point = _lock(ActionPoint, action_point.pk)
    if not description.strip():
        _refuse(_("Describe the action."), "description")
    _validate_owner(owner_organization, owner_contact)
    action_point.description = description.strip()
    action_point.owner_organization = owner_organization
    action_point.owner_contact = owner_contact
    action_point.due_date = due_date
    _tag(action_point, by).save()
    if status is not None and status != action_point.status:
        action_point = action_point_set_status(action_point=action_point, status=status, by=by)
    return action_point


@transaction.atomic
def action_point_set_status(*, action_point: ActionPoint, status: str, by=None) -> ActionPoint:
    """Move an action point on; done or dropped closes it (it is then no longer
    carried to the next meetings)."""
    action_point = _lock(ActionPoint, action_point.pk)
    if status not in ActionPoint.Status.values:
        _refuse(_("Choose a status."), "status")
    action_point.status = status
    if status in ActionPoint.OPEN_STATUSES:
        action_point.closed_on = None
    elif action_point.closed_on is None:
        action_point.closed_on = timezone.localdate()
    _tag(action_point, by).save()
    return action_point


@transaction.atomic
def action_point_delete(*, action_point: ActionPoint, by=None) -> None:
    """Only while the minutes it was written in are still a draft; afterwards
    an action point that will not happen is "dropped"."""
    action_point = _lock(ActionPoint, action_point.pk)
    item = action_point.minutes_item
    if item is None or item.minutes.status not in EDITABLE_STATUSES:
        _refuse(_("Only action points of draft minutes can be removed; mark it dropped instead."))
    _tag(action_point, by).delete()


# ---------------------------------------------------------------- membership review


@transaction.atomic
def membership_review_record(
    *,
    membership: Membership,
    decision: str,
    by,
    note: str = "",
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
) -> MembershipReview:
    """The chair's annual decision on one member (assessment Annex 1.1), with the
    figures it was based on. "End membership" ends it through
    ``swg.services.membership_end``; the review rows are the history."""
    membership = _lock(Membership, membership.pk)
    if not membership.is_active:
        _refuse(_("This membership has already ended."))
    if membership.organization_id is None:
        _refuse(_("Only member organizations are reassessed."))
    if decision not in MembershipReview.Decision.values:
        _refuse(_("Choose keep, warn or end membership."), "decision")
    if decision == MembershipReview.Decision.END and not note.strip():
        _refuse(_("Give the reason for ending the membership."), "note")
    default_start, default_end = selectors.review_period()
    period_start = period_start or default_start
    period_end = period_end or default_end
    record = selectors.member_records(
        swg=membership.swg,
        organization_ids=[membership.organization_id],
        period_start=period_start,
        period_end=period_end,
        since={membership.organization_id: membership.start_date},
    )[membership.organization_id]
    review = MembershipReview(
        membership=membership,
        period_start=period_start,
        period_end=period_end,
        meetings_held=record.meetings_held,
        meetings_attended=record.meetings_attended,
        actions_done=record.actions_done,
        actions_overdue=record.actions_overdue,
        updates_missing=record.updates_missing,
        decision=decision,
        note=note.strip(),
        decided_by=by,
    )
    _tag(review, by).save()
    if decision == MembershipReview.Decision.END:
        reason = _("Annual reassessment: %(note)s") % {"note": note.strip()}
        membership_end(membership=membership, reason=reason[:300], by=by)
    return review
