"""Writes for minutes (DESIGN §3 "Meeting"; assessment Annex 1.1: the MoP
secretariat prepares and circulates the minutes).

Each function is one business action, keyword-only, wrapped in a transaction,
and raises ``ValidationError`` with field keys (``None`` when the whole action
is refused) so views can show the message at the field or on top.

Minutes move draft → submitted → approved (or returned → draft again) →
circulated. Approved minutes are locked; a correction is a new version.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coordination.bidi import bdi_text
from coordination.bilingual import pick_language
from coordination.history import history_attribute
from coordination.outbox import BulkMessage, absolute_url, outbox_enqueue_many

from ..models import ActionPoint, Attendance, Meeting, Minutes, MinutesItem
from ..selectors.attendance import meeting_attendance_figures
from ..selectors.minutes import meeting_minutes_are_needed, minutes_detail, minutes_in_language
from ..selectors.recipients import minutes_attendee_guests, minutes_recipients
from . import notifications, pdfs
from .common import locked, refuse, row_copy
from .meetings import meeting_mark_held

CIRCULATED_PURPOSE = "minutes.circulated"


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
        figures = meeting_attendance_figures(meeting=meeting)
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
    meeting = locked(Meeting, meeting.pk)
    if not meeting_minutes_are_needed(meeting):
        refuse(_("Informal meetings need no minutes; marking the meeting as held is enough."))
    if meeting.status != Meeting.Status.HELD:
        refuse(_("Mark the meeting as held before drafting its minutes."))
    if Minutes.objects.filter(meeting=meeting).exists():
        refuse(_("This meeting already has minutes; open them instead."))
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
    history_attribute(minutes, by=by).save()
    with translation.override(language):
        for n, agenda_item in enumerate(meeting.agenda_items.order_by("order", "pk"), start=1):
            history_attribute(
                MinutesItem(
                    minutes=minutes,
                    agenda_item=agenda_item,
                    order=n,
                    title=pick_language(agenda_item.title_en, agenda_item.title_ar)[:300]
                    or _("Item %(n)s") % {"n": n},
                ),
                by=by,
            ).save()
    return minutes


@transaction.atomic
def meeting_mark_held_and_draft(*, meeting: Meeting, by=None) -> Minutes | None:
    """Mark the meeting held and, for a formal meeting without minutes, start
    drafting them at once (the next step of the journey, DESIGN §3 "Meeting").
    Returns the new draft, or None when no minutes are needed or they exist."""
    meeting = meeting_mark_held(meeting=meeting, by=by)
    if not meeting_minutes_are_needed(meeting) or Minutes.objects.filter(meeting=meeting).exists():
        return None
    return minutes_start(meeting=meeting, by=by)


def minutes_require_editable(*, minutes: Minutes) -> None:
    """Refuse unless the minutes are still being written (a draft, or returned)."""
    if minutes.is_locked:
        refuse(_("Approved minutes are locked. Create a correction to change them."))
    if minutes.status not in Minutes.EDITABLE_STATUSES:
        refuse(_("These minutes are with the chair; wait until they are approved or returned."))


@transaction.atomic
def minutes_save(
    *,
    minutes: Minutes,
    summary: str,
    attendance_text: str,
    language: str,
    items: list[dict],
    summary_translation: str = "",
    by=None,
) -> Minutes:
    """Save a draft. ``items`` are dicts with ``title``, ``discussion``,
    ``decisions``, ``order`` and, for existing items, ``id`` (and ``delete``);
    ``title_translation``, ``discussion_translation`` and
    ``decisions_translation`` (and ``summary_translation``) are the text in the
    other language, which the chair approves with the original (DESIGN §2)."""
    minutes = locked(Minutes, minutes.pk)
    minutes_require_editable(minutes=minutes)
    if language not in dict(settings.LANGUAGES):
        refuse(_("Choose English or Arabic."), "language")
    minutes.summary = summary
    minutes.summary_translation = summary_translation
    minutes.attendance_text = attendance_text
    minutes.language = language
    history_attribute(minutes, by=by).save()
    current = {item.pk: item for item in minutes.items.all()}
    for data in items:
        item = current.get(data.get("id")) if data.get("id") else None
        if data.get("id") and item is None:
            refuse(_("This item belongs to other minutes."))
        if data.get("delete"):
            if item is not None:
                if item.action_points.exists():
                    refuse(
                        _("“%(title)s” has action points; remove them before the item.")
                        % {"title": item.title}
                    )
                item.delete()
            continue
        if not (data.get("title") or "").strip():
            refuse(_("Give every item a title."))
        item = item or MinutesItem(minutes=minutes)
        item.title = data["title"].strip()
        item.discussion = data.get("discussion", "")
        item.decisions = data.get("decisions", "")
        item.title_translation = (data.get("title_translation") or "").strip()
        item.discussion_translation = data.get("discussion_translation") or ""
        item.decisions_translation = data.get("decisions_translation") or ""
        item.order = data.get("order") or 0
        history_attribute(item, by=by).save()
    return minutes


@transaction.atomic
def minutes_refill_attendance(*, minutes: Minutes, by=None) -> Minutes:
    minutes = locked(Minutes, minutes.pk)
    minutes_require_editable(minutes=minutes)
    minutes.attendance_text = minutes_attendance_text(
        meeting=minutes.meeting, language=minutes.language
    )
    history_attribute(minutes, by=by).save(update_fields=["attendance_text"])
    return minutes


@transaction.atomic
def minutes_submit(*, minutes: Minutes, by=None) -> Minutes:
    """The secretariat hands the draft to the chair."""
    minutes = locked(Minutes, minutes.pk)
    minutes_require_editable(minutes=minutes)
    minutes.status = Minutes.Status.SUBMITTED
    minutes.submitted_at = timezone.now()
    history_attribute(minutes, by=by).save()
    notifications.minutes_submitted_notify(minutes=minutes)
    return minutes


@transaction.atomic
def minutes_approve(*, minutes: Minutes, by) -> Minutes:
    """The chair approves; from now on the minutes are locked."""
    minutes = locked(Minutes, minutes.pk)
    if minutes.status != Minutes.Status.SUBMITTED:
        refuse(
            _("Only minutes submitted to the chair can be approved; these are %(status)s.")
            % {"status": minutes.get_status_display().lower()}
        )
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_by = by
    minutes.approved_at = timezone.now()
    history_attribute(minutes, by=by).save()
    notifications.minutes_approved_notify(minutes=minutes)
    return minutes


@transaction.atomic
def minutes_return(*, minutes: Minutes, comment: str, by=None) -> Minutes:
    """The chair sends the draft back with a comment; it is editable again."""
    minutes = locked(Minutes, minutes.pk)
    if minutes.status != Minutes.Status.SUBMITTED:
        refuse(
            _("Only minutes submitted to the chair can be returned; these are %(status)s.")
            % {"status": minutes.get_status_display().lower()}
        )
    if not comment.strip():
        refuse(_("Tell the secretariat what to change."), "comment")
    minutes.status = Minutes.Status.RETURNED
    minutes.returned_comment = comment.strip()
    history_attribute(minutes, by=by).save()
    notifications.minutes_returned_notify(minutes=minutes, at=timezone.now())
    return minutes


def minutes_text(*, minutes: Minutes) -> str:
    """The minutes as plain text, in the minutes' language (the text download;
    the circulated email carries the PDF, ``pdfs.minutes_pdf``)."""
    detail = minutes_detail(minutes=minutes, user=None)
    with translation.override(minutes.language), timezone.override(settings.TIME_ZONE):
        return render_to_string(
            "swg/minutes/minutes.txt",
            {"minutes": minutes, "meeting": minutes.meeting, "swg": minutes.meeting.swg, **detail},
        )


def minutes_filename(minutes: Minutes) -> str:
    day = timezone.localtime(minutes.meeting.starts_at).date().isoformat()
    return f"minutes-{minutes.meeting.swg.slug}-{day}-v{minutes.version}.txt"


@transaction.atomic
def minutes_circulate(*, minutes: Minutes, include_attendee_guests: bool = False, by=None) -> int:
    """Send approved minutes to the members and MoP, and with
    ``include_attendee_guests`` to the ad-hoc invitees and walk-ins who attended;
    returns how many messages were queued. The outbox's unique key (purpose, recipient, "minutes:<pk>")
    means nobody gets a second copy, even if this runs twice."""
    minutes = locked(Minutes, minutes.pk)
    if minutes.status == Minutes.Status.CIRCULATED:
        refuse(
            _("These minutes were already circulated on %(date)s; nobody is emailed twice.")
            % {
                "date": bdi_text(
                    date_format(timezone.localtime(minutes.circulated_at), "DATETIME_FORMAT")
                )
            }
        )
    if minutes.status != Minutes.Status.APPROVED:
        refuse(_("Only minutes approved by the chair can be circulated."))
    if Minutes.objects.filter(supersedes=minutes).exists():
        refuse(_("A correction of these minutes is under way; circulate it once approved."))
    meeting = locked(Meeting, minutes.meeting_id)
    minutes.meeting = meeting
    recipients = minutes_recipients(minutes=minutes)
    if include_attendee_guests:
        recipients += minutes_attendee_guests(minutes=minutes)
    if not recipients:
        refuse(_("The group has nobody to send the minutes to: add members with an email."))
    url = absolute_url(minutes.get_absolute_url())
    items = list(minutes.items.order_by("order", "pk"))
    # Each recipient reads their language: the translation where the secretariat
    # added one, else the original with a note saying so (DESIGN §2).
    texts = {
        language: minutes_in_language(minutes=minutes, items=items, language=language)
        for language in dict(settings.LANGUAGES)
    }
    contexts = {
        language: {
            "minutes": minutes,
            "meeting": meeting,
            "swg": meeting.swg,
            "url": url,
            "summary_text": text["summary_text"],
            "text_language": text["text_language"],
            "wanted_language": text["wanted_language"],
            "translation_missing": text["translation_missing"],
        }
        for language, text in texts.items()
    }

    def messages():
        for recipient in recipients:
            text_language = recipient.language if recipient.language in texts else minutes.language
            # The PDF in the recipient's language, rendered by the worker that
            # sends the message, not in this request (docs/architecture.md "PDFs").
            attachment = {
                "filename": pdfs.minutes_pdf_filename(minutes=minutes, language=recipient.language),
                "mimetype": "application/pdf",
                "render": pdfs.MINUTES_PDF_ATTACHMENT,
                "params": {"minutes_id": minutes.pk},
            }
            # The same text and PDF for everyone of a language: rendered once per
            # language, then each person's name (docs/architecture.md "Long work").
            yield BulkMessage(
                recipient_email=recipient.email,
                recipient_name=recipient.name,
                language=recipient.language,
                group=(recipient.language, text_language),
                context=contexts[text_language],
                attachments=[attachment],
            )

    created = outbox_enqueue_many(
        purpose=CIRCULATED_PURPOSE,
        object_key=f"minutes:{minutes.pk}",
        template="minutes_circulated",
        messages=messages(),
        swg=meeting.swg,
    )
    minutes.status = Minutes.Status.CIRCULATED
    minutes.circulated_at = timezone.now()
    history_attribute(minutes, by=by).save()
    if meeting.status != Meeting.Status.CIRCULATED:
        meeting.status = Meeting.Status.CIRCULATED
        history_attribute(meeting, by=by).save(update_fields=["status"])
    # Their action points are no longer draft: each owner's focal points hear of theirs.
    for action_point in ActionPoint.objects.filter(minutes_item__minutes=minutes).select_related(
        "swg", "owner_organization"
    ):
        notifications.action_point_assigned_notify(action_point=action_point)
    # The archive files the minutes and the list of participants itself
    # (DESIGN §3 "Document archive"); rendering both languages is worker work.
    transaction.on_commit(functools.partial(_queue_filing, minutes.pk), robust=True)
    return created


def _queue_filing(minutes_id: int) -> None:
    from ..tasks import meeting_records_file  # the task module imports the services

    meeting_records_file.delay(minutes_id)


@transaction.atomic
def minutes_correct(*, minutes: Minutes, by=None) -> Minutes:
    """A correction of approved minutes: a new draft version with the content
    copied; the earlier version stays as it was, and visible."""
    minutes = locked(Minutes, minutes.pk)
    if not minutes.is_locked:
        refuse(_("These minutes are not approved yet: edit them instead."))
    if Minutes.objects.filter(meeting_id=minutes.meeting_id, version__gt=minutes.version).exists():
        refuse(_("A newer version of these minutes exists; correct that one."))
    correction = Minutes(
        meeting_id=minutes.meeting_id,
        version=minutes.version + 1,
        supersedes=minutes,
        summary=minutes.summary,
        summary_translation=minutes.summary_translation,
        language=minutes.language,
        attendance_text=minutes.attendance_text,
        created_by=by,
    )
    history_attribute(correction, by=by).save()
    for item in minutes.items.order_by("order", "pk"):
        row_copy(item, minutes=correction, by=by)
    return correction
