"""Meeting pages: plan, change, agenda, invitations and the RSVP links
(DESIGN §3 "Meeting").

Calendars and feeds are in ``calendar.py``; attendance, minutes and action
points in ``minutes.py``.
"""

import datetime as dt
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coordination.emails import normalize_email
from coordination.forms import apply_errors
from coordination.history import history_rows
from coordination.web import button_action, download, error_messages

from .. import permissions, selectors, services
from ..forms.invitations import AdHocInviteForm, MemberInviteForm
from ..forms.meetings import (
    AgendaItemEditForm,
    AgendaItemForm,
    FollowUpForm,
    MeetingCancelForm,
    MeetingForm,
    MeetingPostponeForm,
)
from ..models import AgendaItem, Contact, Invitation, Meeting
from ..permissions import Action
from .common import document_language, form_page, meeting_for, swg_for

MANAGE = Action.MEETING_MANAGE


def _data(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "form"}


# ------------------------------------------------------------------ the meeting


@login_required
def meeting_plan(request, slug):
    swg = swg_for(request, slug, MANAGE)
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    start += dt.timedelta(days=7)
    form = MeetingForm(
        request.POST or None,
        initial={"starts_at": start, "ends_at": start + dt.timedelta(hours=2)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meetings.meeting_plan(swg=swg, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Meeting planned. Next: the agenda and the invitations."))
            return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Plan a meeting of %(swg)s") % {"swg": swg.name},
        back_url=swg.get_absolute_url(),
        intro=_("Dates and times are Tripoli time."),
    )


@login_required
def meeting_detail(request, pk):
    meeting = meeting_for(request, pk)
    detail = selectors.meetings.meeting_detail(meeting=meeting)
    email = normalize_email(request.user.email)
    mine = next(
        (i for i in detail["invitations"] if normalize_email(i.contact.email) == email), None
    )
    my_links = []
    if mine is not None and meeting.status == Meeting.Status.PLANNED:
        my_links = [
            (choice, Invitation.Rsvp(choice).label, _rsvp_path(mine, choice))
            for choice in services.invitations.RSVP_CHOICES
        ]
    can_manage = permissions.can(request.user, MANAGE, meeting)
    context = {
        "meeting": meeting,
        **detail,
        "can_manage": can_manage,
        "is_planned": meeting.status == Meeting.Status.PLANNED,
        "my_invitation": mine,
        "my_links": my_links,
        # Rendered in the page (not fetched by htmx) so it works without JavaScript.
        "minutes_panel": selectors.minutes.meeting_panel(meeting=meeting, user=request.user),
        "history": history_rows(obj=meeting)
        if permissions.can(request.user, Action.HISTORY_VIEW, meeting)
        else None,
    }
    return render(request, "swg/meetings/meeting_detail.html", context)


@login_required
def meeting_sign_in_sheet(request, pk):
    """The list of participants / sign-in sheet as PDF, for the secretariat to
    print (rendered in the request: a meeting's sheet takes well under a second,
    docs/architecture.md "PDFs")."""
    meeting = meeting_for(request, pk, MANAGE)
    language = document_language(request)
    return download(
        services.pdfs.meeting_sign_in_sheet_pdf(meeting=meeting, language=language),
        filename=services.pdfs.meeting_sign_in_sheet_filename(meeting=meeting, language=language),
        content_type="application/pdf",
    )


@login_required
def meeting_edit(request, pk):
    meeting = meeting_for(request, pk, MANAGE)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            _meeting, queued = services.meetings.meeting_update(
                meeting=meeting, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            meeting.refresh_from_db()
            apply_errors(form, error)
        else:
            messages.success(request, _("Meeting saved."))
            if queued:
                messages.info(
                    request,
                    ngettext(
                        "The change was sent to %(n)s invitee.",
                        "The change was sent to %(n)s invitees.",
                        queued,
                    )
                    % {"n": queued},
                )
            return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Edit: %(meeting)s") % {"meeting": meeting.title},
        back_url=meeting.get_absolute_url(),
        intro=_("A new date or place is sent to the invitees as an update to their calendars."),
    )


@login_required
def meeting_cancel(request, pk):
    meeting = meeting_for(request, pk, MANAGE)
    form = MeetingCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            queued = services.meetings.meeting_cancel(
                meeting=meeting, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Meeting cancelled; %(n)s invitee was told.",
                    "Meeting cancelled; %(n)s invitees were told.",
                    queued,
                )
                % {"n": queued},
            )
            return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Cancel: %(meeting)s") % {"meeting": meeting.title},
        back_url=meeting.get_absolute_url(),
    )


@login_required
def meeting_postpone(request, pk):
    meeting = meeting_for(request, pk, MANAGE)
    week = dt.timedelta(days=7)
    form = MeetingPostponeForm(
        request.POST or None,
        initial={"starts_at": meeting.starts_at + week, "ends_at": meeting.ends_at + week},
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = services.meetings.meeting_postpone(
                meeting=meeting, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Meeting postponed. This is the new meeting, with the same agenda and invitees."),
            )
            return redirect(new)
    return form_page(
        request,
        form,
        title=_("Postpone: %(meeting)s") % {"meeting": meeting.title},
        back_url=meeting.get_absolute_url(),
        intro=_(
            "The meeting is marked postponed and a new meeting is planned with the same agenda "
            "and invitees. Invitees get a cancellation and an invitation for the new date."
        ),
    )


# ------------------------------------------------------------------ agenda


@login_required
def meeting_agenda(request, pk):
    meeting = meeting_for(request, pk, MANAGE)
    candidates = selectors.meetings.meeting_follow_up_candidates(meeting=meeting)
    posted = request.POST.get("form") if request.method == "POST" else None
    item_form = AgendaItemForm(
        request.POST if posted == AgendaItemForm.form_name else None, meeting=meeting
    )
    follow_form = FollowUpForm(
        request.POST if posted == FollowUpForm.form_name else None, candidates=candidates
    )
    try:
        if posted == AgendaItemForm.form_name and item_form.is_valid():
            services.meetings.agenda_item_add(meeting=meeting, by=request.user, **_data(item_form))
            messages.success(request, _("Item added to the agenda."))
            return redirect("swg:meeting_agenda", meeting.pk)
        if posted == FollowUpForm.form_name and follow_form.is_valid():
            added = services.meetings.agenda_follow_ups_add(
                meeting=meeting,
                action_points=follow_form.cleaned_data["action_points"],
                by=request.user,
            )
            messages.success(
                request,
                ngettext(
                    "%(n)s follow-up added to the agenda.",
                    "%(n)s follow-ups added to the agenda.",
                    len(added),
                )
                % {"n": len(added)},
            )
            return redirect("swg:meeting_agenda", meeting.pk)
    except ValidationError as error:
        apply_errors(item_form if posted == AgendaItemForm.form_name else follow_form, error)
    return render(
        request,
        "swg/meetings/agenda.html",
        {
            "meeting": meeting,
            "agenda": selectors.meetings.meeting_agenda(meeting=meeting),
            "item_form": item_form,
            "follow_form": follow_form,
            "has_candidates": bool(follow_form.fields["action_points"].widget.choices),
        },
    )


@login_required
def meeting_agenda_print(request, pk):
    """The agenda as a page to print (its @media print rules in static/css/portal.css)."""
    meeting = meeting_for(request, pk)
    return render(
        request,
        "swg/meetings/agenda_print.html",
        {"meeting": meeting, "agenda": selectors.meetings.meeting_agenda(meeting=meeting)},
    )


def _item_for(request, pk, item_pk) -> AgendaItem:
    meeting = meeting_for(request, pk, MANAGE)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    item.meeting = meeting
    return item


@login_required
def agenda_item_edit(request, pk, item_pk):
    item = _item_for(request, pk, item_pk)
    form = AgendaItemEditForm(
        request.POST or None,
        meeting=item.meeting,
        initial={
            "time": item.time,
            "title_en": item.title_en,
            "title_ar": item.title_ar,
            "presenter": item.presenter_id,
            "document_url": item.document_url,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meetings.agenda_item_update(item=item, by=request.user, **_data(form))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Agenda item saved."))
            return redirect("swg:meeting_agenda", item.meeting.pk)
    return form_page(
        request,
        form,
        title=_("Agenda item: %(item)s") % {"item": item.title},
        back_url=reverse("swg:meeting_agenda", args=[item.meeting.pk]),
    )


@login_required
@require_POST
def agenda_item_move(request, pk, item_pk):
    item = _item_for(request, pk, item_pk)
    direction = request.POST.get("direction", "")
    return button_action(
        request,
        partial(
            services.meetings.agenda_item_move, item=item, direction=direction, by=request.user
        ),
        then=reverse("swg:meeting_agenda", args=[item.meeting.pk]),
    )


@login_required
@require_POST
def agenda_item_delete(request, pk, item_pk):
    item = _item_for(request, pk, item_pk)
    return button_action(
        request,
        partial(services.meetings.agenda_item_remove, item=item, by=request.user),
        done=_("Item removed from the agenda."),
        then=reverse("swg:meeting_agenda", args=[item.meeting.pk]),
    )


# ------------------------------------------------------------------ invitations


@login_required
def meeting_invitations(request, pk):
    meeting = meeting_for(request, pk, MANAGE)
    entries = selectors.invitations.meeting_member_invitees(meeting=meeting)
    posted = request.POST.get("form") if request.method == "POST" else None
    member_form = MemberInviteForm(
        request.POST if posted == MemberInviteForm.form_name else None, entries=entries
    )
    ad_hoc_form = AdHocInviteForm(
        request.POST if posted == AdHocInviteForm.form_name else None, meeting=meeting
    )
    form = {MemberInviteForm.form_name: member_form, AdHocInviteForm.form_name: ad_hoc_form}.get(
        posted
    )
    if form is not None and form.is_valid():
        if form is member_form:
            contacts = Contact.objects.filter(pk__in=form.cleaned_data["contacts"])
        else:
            contacts = [form.cleaned_data["contact"]]
        try:
            added = services.invitations.invitations_add(
                meeting=meeting, contacts=contacts, by=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                ngettext("%(n)s person invited.", "%(n)s people invited.", len(added))
                % {"n": len(added)},
            )
            return redirect("swg:meeting_invitations", meeting.pk)
    invitations = selectors.invitations.meeting_invitations(meeting=meeting)
    return render(
        request,
        "swg/meetings/invitations.html",
        {
            "meeting": meeting,
            "invitations": invitations,
            "rsvp_counts": selectors.invitations.rsvp_counts(invitations),
            "member_form": member_form,
            "ad_hoc_form": ad_hoc_form,
            "has_members_to_invite": bool(entries),
            "is_planned": meeting.status == Meeting.Status.PLANNED,
        },
    )


@login_required
@require_POST
def invitation_remove(request, pk, invitation_pk):
    meeting = meeting_for(request, pk, MANAGE)
    invitation = get_object_or_404(
        Invitation.objects.select_related("contact"), pk=invitation_pk, meeting=meeting
    )
    invitation.meeting = meeting
    return button_action(
        request,
        partial(services.invitations.invitation_remove, invitation=invitation, by=request.user),
        done=_("%(name)s is no longer invited.") % {"name": invitation.contact.name},
        then=reverse("swg:meeting_invitations", args=[meeting.pk]),
    )


@login_required
def meeting_send_invitations(request, pk):
    meeting = meeting_for(request, pk, MANAGE)
    if request.method == "POST":
        try:
            queued = services.invitations.invitations_send(meeting=meeting, by=request.user)
        except ValidationError as error:
            error_messages(request, error)
            return redirect("swg:meeting_invitations", meeting.pk)
        if queued:
            messages.success(
                request,
                ngettext(
                    "%(n)s invitation is on its way.",
                    "%(n)s invitations are on their way.",
                    queued,
                )
                % {"n": queued},
            )
        else:
            messages.info(request, _("Every invitee already has the invitation."))
        return redirect(meeting)
    return render(
        request,
        "swg/meetings/send_confirm.html",
        {
            "meeting": meeting,
            "invitations": selectors.invitations.meeting_invitations(meeting=meeting),
            "agenda": selectors.meetings.meeting_agenda(meeting=meeting),
        },
    )


# ------------------------------------------------------------------ RSVP (no login)


def _rsvp_path(invitation: Invitation, choice: str) -> str:
    return reverse(
        "swg:rsvp", args=[services.invitations.rsvp_token(invitation=invitation, choice=choice)]
    )


def rsvp(request, token):
    """The Accept / Tentative / Decline links of the invitation email work
    without login: the signed token names the invitation and the answer.

    Opening the link shows the answer with a button that records it: mail
    security scanners (such as Microsoft Defender's Safe Links, common in UN
    and embassy mailboxes) open every link of a message, and would otherwise
    answer all three choices in turn on the invitee's behalf."""
    try:
        invitation, choice = services.invitations.rsvp_link_read(token=token)
    except services.invitations.RsvpLinkError as error:
        status = 400 if error.reason == "invalid" else 410
        return _rsvp_page(request, error.invitation, {"error": error.message}, status=status)
    state = "confirm"
    if request.method == "POST":
        changed = services.invitations.invitation_respond(invitation=invitation, choice=choice)
        invitation.refresh_from_db()
        state = "recorded" if changed else "already"
    elif invitation.rsvp == choice:
        state = "already"
    others = [
        (other, Invitation.Rsvp(other).label, _rsvp_path(invitation, other))
        for other in services.invitations.RSVP_CHOICES
        if other != choice
    ]
    return _rsvp_page(
        request,
        invitation,
        {
            "state": state,
            "choice": choice,
            "choice_label": Invitation.Rsvp(choice).label,
            "others": others,
        },
    )


def _rsvp_page(request, invitation, context, status=200):
    # Someone not signed in reads the page in the language of their emails.
    language = translation.get_language()
    if invitation is not None and not request.user.is_authenticated:
        language = invitation.contact.preferred_language
    with translation.override(language):
        response = render(
            request,
            "swg/meetings/rsvp.html",
            {"invitation": invitation, "meeting": invitation.meeting if invitation else None}
            | context,
            status=status,
        )
    response.headers["Content-Language"] = language
    response.headers["X-Robots-Tag"] = "noindex"
    return response
