"""Attendance, "mark as held" and minutes (DESIGN §3 "Meeting"): the secretariat
drafts, the chair approves or returns, the secretariat circulates."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coordination.forms import apply_errors
from coordination.web import button_action, download, error_messages, safe_next

from .. import permissions, selectors, services
from ..forms.attendance import AttendanceSheetForm, WalkInForm
from ..forms.minutes import (
    CirculateForm,
    MinutesForm,
    MinutesItemFormSet,
    ReturnForm,
    minutes_item_initial,
    minutes_items_from,
)
from ..models import Meeting, Minutes
from ..permissions import Action
from .common import document_language, form_page, meeting_for, minutes_for

# ---------------------------------------------------------------- panel


@login_required
def meeting_panel(request, meeting_pk):
    """The attendance, minutes and action-point panel of one meeting: a
    fragment for htmx (the meeting page loads it) or a page of its own."""
    meeting = meeting_for(request, meeting_pk)
    panel = selectors.minutes.meeting_panel(meeting=meeting, user=request.user)
    if request.headers.get("HX-Request"):
        return render(request, "swg/minutes/_panel_body.html", {"panel": panel})
    return render(request, "swg/minutes/meeting_panel_page.html", {"panel": panel})


# ---------------------------------------------------------------- attendance


@login_required
def attendance_sheet(request, meeting_pk):
    meeting = meeting_for(request, meeting_pk, Action.MEETING_MANAGE)
    if request.method == "POST" and "all_present" in request.POST:
        return button_action(
            request,
            partial(
                services.attendance.attendance_all_invited_present,
                meeting=meeting,
                by=request.user,
            ),
            done=_("Every invitee is marked present. Change the rows of those who did not come."),
            then=reverse("swg:attendance_sheet", args=[meeting.pk]),
        )
    rows = selectors.attendance.attendance_sheet(meeting=meeting)
    form = AttendanceSheetForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance.attendance_record(
                meeting=meeting, entries=form.entries(), by=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("swg:attendance_sheet", meeting.pk)
    return render(
        request,
        "swg/minutes/attendance_sheet.html",
        {
            "meeting": meeting,
            "form": form,
            "figures": selectors.attendance.meeting_attendance_figures(meeting=meeting),
            "is_open": meeting.status in selectors.attendance.ATTENDANCE_OPEN_STATUSES,
            "can_mark_held": meeting.status == Meeting.Status.PLANNED
            and meeting.starts_at <= timezone.now(),
            "meeting_url": meeting.get_absolute_url(),
            "has_prefilled": any(row.is_prefilled for row in rows),
            "has_invitees": any(not row.is_walk_in for row in rows),
        },
        status=400 if form.errors else 200,
    )


@login_required
def attendance_add(request, meeting_pk):
    meeting = meeting_for(request, meeting_pk, Action.MEETING_MANAGE)
    form = WalkInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.attendance.attendance_record(
                meeting=meeting,
                entries=[(data["contact"], data["status"])],
                walk_in=data["is_walk_in"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s added to the attendance.") % {"name": data["contact"].name}
            )
            return redirect("swg:attendance_sheet", meeting.pk)
    return form_page(
        request,
        form,
        title=_("Add a walk-in: %(meeting)s") % {"meeting": meeting.title},
        back_url=reverse("swg:attendance_sheet", args=[meeting.pk]),
        intro=_(
            "A walk-in is recorded for this meeting only; it does not make the person "
            "a member of the group."
        ),
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def meeting_mark_held(request, meeting_pk):
    """Held, and for a formal meeting straight on to drafting the minutes."""
    meeting = meeting_for(request, meeting_pk, Action.MEETING_MANAGE)
    back = safe_next(request, meeting.get_absolute_url())

    def done(minutes):
        if minutes is None:
            return _("The meeting is marked as held.")
        return _("The meeting is marked as held. The draft minutes follow the agenda.")

    return button_action(
        request,
        partial(services.minutes.meeting_mark_held_and_draft, meeting=meeting, by=request.user),
        done=done,
        then=lambda minutes: back if minutes is None else _edit_url(minutes),
        refused=back,
    )


# ---------------------------------------------------------------- minutes


def _edit_url(minutes: Minutes) -> str:
    return reverse("swg:minutes_edit", args=[minutes.meeting_id, minutes.pk])


@login_required
@require_POST
def minutes_create(request, meeting_pk):
    meeting = meeting_for(request, meeting_pk, Action.MEETING_MANAGE)
    return button_action(
        request,
        partial(services.minutes.minutes_start, meeting=meeting, by=request.user),
        done=_("Draft minutes started from the agenda and the attendance."),
        then=_edit_url,
        refused=meeting.get_absolute_url(),
    )


@login_required
def minutes_detail(request, meeting_pk, pk):
    minutes = minutes_for(request, meeting_pk, pk)
    user = request.user
    can_manage = permissions.can(user, Action.MEETING_MANAGE, minutes.meeting)
    detail = selectors.minutes.minutes_detail(minutes=minutes, user=user)
    for ap in [*detail["other_action_points"], *(p for i in detail["items"] for p in i.points)]:
        ap.can_update = permissions.can(user, Action.ACTION_POINT_UPDATE, ap)
        ap.can_edit = can_manage
    is_latest = minutes.version == detail["latest_version"]
    editable = minutes.status in Minutes.EDITABLE_STATUSES
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "swg": minutes.meeting.swg,
        "meeting_url": minutes.meeting.get_absolute_url(),
        "can_edit": can_manage and editable,
        "can_submit": can_manage and editable,
        "can_decide": minutes.status == Minutes.Status.SUBMITTED
        and permissions.can(user, Action.MINUTES_APPROVE, minutes),
        "can_circulate": can_manage and minutes.status == Minutes.Status.APPROVED and is_latest,
        "can_correct": can_manage and minutes.is_locked and is_latest,
        "can_update_points": True,
        "status_choices": selectors.action_points.status_choices(),
        "next": request.get_full_path(),
        **detail,
    }
    return render(request, "swg/minutes/minutes_detail.html", context)


@login_required
def minutes_text(request, meeting_pk, pk):
    minutes = minutes_for(request, meeting_pk, pk)
    return download(
        services.minutes.minutes_text(minutes=minutes).encode(),
        filename=services.minutes.minutes_filename(minutes),
        content_type="text/plain; charset=utf-8",
    )


@login_required
def minutes_pdf(request, meeting_pk, pk):
    """The minutes as PDF for whoever may read them (rendered in the request:
    well under a second for a meeting's minutes, docs/architecture.md "PDFs")."""
    minutes = minutes_for(request, meeting_pk, pk)
    language = document_language(request)
    return download(
        services.pdfs.minutes_pdf(minutes=minutes, language=language),
        filename=services.pdfs.minutes_pdf_filename(minutes=minutes, language=language),
        content_type="application/pdf",
    )


@login_required
def minutes_edit(request, meeting_pk, pk):
    minutes = minutes_for(request, meeting_pk, pk)
    permissions.require(request.user, Action.MEETING_MANAGE, minutes.meeting)
    if minutes.status not in Minutes.EDITABLE_STATUSES:
        if minutes.is_locked:
            messages.error(
                request, _("Approved minutes are locked. Create a correction to change them.")
            )
        else:
            messages.error(request, _("These minutes are with the chair and cannot be edited."))
        return redirect(minutes)
    if request.method == "POST" and "refill" in request.POST:
        try:
            services.minutes.minutes_refill_attendance(minutes=minutes, by=request.user)
        except ValidationError as error:
            error_messages(request, error)
            return redirect(minutes)
        messages.success(request, _("Attendance rewritten from the attendance sheet."))
        return redirect("swg:minutes_edit", minutes.meeting_id, minutes.pk)
    items = list(minutes.items.order_by("order", "pk"))
    data = request.POST or None
    form = MinutesForm(data, instance=minutes)
    formset = MinutesItemFormSet(data, initial=minutes_item_initial(items), prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.minutes.minutes_save(
                minutes=minutes,
                summary=form.cleaned_data["summary"],
                summary_translation=form.cleaned_data["summary_translation"],
                attendance_text=form.cleaned_data["attendance_text"],
                language=form.cleaned_data["language"],
                items=minutes_items_from(formset),
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Minutes saved."))
            return redirect(minutes)
    return render(
        request,
        "swg/minutes/minutes_edit.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "form": form,
            "formset": formset,
        },
        status=400 if form.errors or formset.total_error_count() else 200,
    )


@login_required
@require_POST
def minutes_submit(request, meeting_pk, pk):
    minutes = minutes_for(request, meeting_pk, pk)
    permissions.require(request.user, Action.MEETING_MANAGE, minutes.meeting)
    return button_action(
        request,
        partial(services.minutes.minutes_submit, minutes=minutes, by=request.user),
        done=_("Minutes submitted to the chair."),
        then=minutes,
    )


@login_required
def minutes_approve(request, meeting_pk, pk):
    """A confirmation page (who is told what), then the chair's approval."""
    minutes = minutes_for(request, meeting_pk, pk)
    permissions.require(request.user, Action.MINUTES_APPROVE, minutes)
    if request.method == "POST":
        return button_action(
            request,
            partial(services.minutes.minutes_approve, minutes=minutes, by=request.user),
            done=_("Minutes approved. They are now locked."),
            then=minutes,
        )
    return render(
        request,
        "swg/minutes/approve_confirm.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "can_approve": minutes.status == Minutes.Status.SUBMITTED,
            **selectors.minutes.minutes_approval_preview(minutes=minutes),
        },
    )


@login_required
def minutes_return(request, meeting_pk, pk):
    minutes = minutes_for(request, meeting_pk, pk)
    permissions.require(request.user, Action.MINUTES_APPROVE, minutes)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes.minutes_return(
                minutes=minutes, comment=form.cleaned_data["comment"], by=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Minutes returned to the secretariat."))
            return redirect(minutes)
    return form_page(
        request,
        form,
        title=_("Return the minutes: %(minutes)s") % {"minutes": minutes},
        back_url=minutes.get_absolute_url(),
        status=400 if form.errors else 200,
    )


@login_required
def minutes_circulate(request, meeting_pk, pk):
    """A confirmation page listing who receives the minutes in which language
    (as sending invitations does), then the circulation."""
    minutes = minutes_for(request, meeting_pk, pk)
    permissions.require(request.user, Action.MEETING_MANAGE, minutes.meeting)
    form = CirculateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():

        def done(count):
            return ngettext(
                "Minutes circulated: %(count)s message queued to members and MoP.",
                "Minutes circulated: %(count)s messages queued to members and MoP.",
                count,
            ) % {"count": count}

        return button_action(
            request,
            partial(
                services.minutes.minutes_circulate,
                minutes=minutes,
                include_attendee_guests=form.cleaned_data["include_attendee_guests"],
                by=request.user,
            ),
            done=done,
            then=minutes,
        )
    recipients = selectors.recipients.minutes_recipients(minutes=minutes)
    return render(
        request,
        "swg/minutes/circulate_confirm.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "form": form,
            "can_circulate": minutes.status == Minutes.Status.APPROVED,
            "recipients": recipients,
            "guests": selectors.recipients.minutes_attendee_guests(
                minutes=minutes, recipients=recipients
            ),
        },
    )


@login_required
@require_POST
def minutes_correct(request, meeting_pk, pk):
    minutes = minutes_for(request, meeting_pk, pk)
    permissions.require(request.user, Action.MEETING_MANAGE, minutes.meeting)

    def done(correction):
        return _("Version %(v)s started as a correction; version %(old)s stays as it was.") % {
            "v": correction.version,
            "old": minutes.version,
        }

    return button_action(
        request,
        partial(services.minutes.minutes_correct, minutes=minutes, by=request.user),
        done=done,
        then=_edit_url,
        refused=minutes,
    )
