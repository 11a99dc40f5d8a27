"""Action points: added to draft minutes, listed per SWG and per organization,
moved on by the secretariat or by the owning organization (DESIGN §3
"Meeting": owner, due date, status, carried across meetings)."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination.forms import apply_errors
from coordination.web import button_action, error_messages, paginate, query_without, safe_next

from .. import permissions, selectors, services
from ..filters.action_points import ActionPointFilter
from ..forms.action_points import ActionPointEditForm, ActionPointForm, ActionPointStatusForm
from ..models import ActionPoint, Minutes, Organization
from ..permissions import Action
from .common import form_page, minutes_for, swg_for


def _action_point_for(request, pk) -> ActionPoint:
    """Visible (scope, and no draft content for people outside the SWG) or 404."""
    queryset = selectors.action_points.published_action_points(
        request.user, ActionPoint.objects.select_related("swg", "minutes_item__minutes")
    )
    return get_object_or_404(queryset, pk=pk)


def _list_context(request, queryset, *, owners=None, swgs=None):
    filterset = ActionPointFilter(request.GET or None, queryset=queryset, owners=owners, swgs=swgs)
    page = paginate(request, selectors.action_points.action_point_rows(filterset.qs))
    for ap in page:
        ap.can_update = permissions.can(request.user, Action.ACTION_POINT_UPDATE, ap)
        ap.can_edit = permissions.can(request.user, Action.MEETING_MANAGE, ap.swg)
    return {
        "filter": filterset,
        "page": page,
        "query": query_without(request, "page"),
        "status_choices": selectors.action_points.status_choices(),
        "next": request.get_full_path(),
    }


@login_required
def swg_action_points(request, slug):
    swg = swg_for(request, slug)
    queryset = selectors.action_points.published_action_points(
        request.user, ActionPoint.objects.filter(swg=swg)
    )
    owners = Organization.objects.filter(
        pk__in=ActionPoint.objects.filter(swg=swg).values("owner_organization")
    ).order_by("name_en")
    context = _list_context(request, queryset, owners=owners)
    context.update(swg=swg, title=_("Action points: %(swg)s") % {"swg": swg.name})
    return render(request, "swg/minutes/action_point_list.html", context)


@login_required
def organization_action_points(request, pk):
    organization = permissions.get_visible_or_404(request.user, Organization.objects.all(), pk=pk)
    queryset = selectors.action_points.published_action_points(
        request.user, ActionPoint.objects.filter(owner_organization=organization)
    )
    swgs = permissions.visible_swgs(request.user).filter(
        pk__in=ActionPoint.objects.filter(owner_organization=organization).values("swg")
    )
    context = _list_context(request, queryset, swgs=swgs)
    context.update(
        organization=organization,
        title=_("Action points of %(org)s") % {"org": organization},
    )
    return render(request, "swg/minutes/action_point_list.html", context)


@login_required
def action_point_detail(request, pk):
    """One action point with its progress: each status change and note, who and when."""
    action_point = _action_point_for(request, pk)
    can_update = permissions.can(request.user, Action.ACTION_POINT_UPDATE, action_point)
    form = ActionPointStatusForm(initial={"status": action_point.status})
    form.helper.form_action = reverse("swg:action_point_status", args=[action_point.pk])
    return render(
        request,
        "swg/minutes/action_point_detail.html",
        {
            "ap": selectors.action_points.action_point_rows(
                ActionPoint.objects.filter(pk=action_point.pk)
            ).get(),
            "progress": selectors.action_points.action_point_progress(action_point=action_point),
            "form": form if can_update else None,
            "can_edit": permissions.can(request.user, Action.MEETING_MANAGE, action_point.swg),
            "next": request.get_full_path(),
        },
    )


@login_required
def action_point_add(request, meeting_pk, pk):
    minutes = minutes_for(request, meeting_pk, pk)
    permissions.require(request.user, Action.MEETING_MANAGE, minutes.meeting)
    form = ActionPointForm(request.POST or None, minutes=minutes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_points.action_point_add(
                minutes=minutes,
                minutes_item=data["minutes_item"],
                description_en=data["description_en"],
                description_ar=data["description_ar"],
                owner_organization=data["owner_organization"],
                owner_contact=data["owner_contact"],
                due_date=data["due_date"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Action point added."))
            return redirect(minutes)
    return form_page(
        request,
        form,
        title=_("New action point: %(minutes)s") % {"minutes": minutes},
        back_url=minutes.get_absolute_url(),
        status=400 if form.errors else 200,
    )


@login_required
def action_point_edit(request, pk):
    action_point = _action_point_for(request, pk)
    permissions.require(request.user, Action.MEETING_MANAGE, action_point.swg)
    form = ActionPointEditForm(request.POST or None, instance=action_point)
    back = safe_next(request, reverse("swg:swg_action_points", args=[action_point.swg.slug]))
    if request.method == "POST" and "delete" in request.POST:
        try:
            services.action_points.action_point_delete(action_point=action_point, by=request.user)
        except ValidationError as error:
            error_messages(request, error)
            return redirect(request.path)
        messages.success(request, _("Action point removed."))
        return redirect(back)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_points.action_point_update(
                action_point=action_point,
                description_en=data["description_en"],
                description_ar=data["description_ar"],
                owner_organization=data["owner_organization"],
                owner_contact=data["owner_contact"],
                due_date=data["due_date"],
                status=data["status"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Action point saved."))
            return redirect(back)
    return render(
        request,
        "swg/minutes/action_point_edit.html",
        {
            "form": form,
            "action_point": action_point,
            "back_url": back,
            "can_delete": action_point.minutes_item is not None
            and action_point.minutes_item.minutes.status in Minutes.EDITABLE_STATUSES,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def action_point_status(request, pk):
    """The owner organization's focal point (or the secretariat) moves it on."""
    action_point = _action_point_for(request, pk)
    permissions.require(request.user, Action.ACTION_POINT_UPDATE, action_point)
    form = ActionPointStatusForm(request.POST)
    back = safe_next(request, reverse("swg:swg_action_points", args=[action_point.swg.slug]))
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect(back)
    return button_action(
        request,
        partial(
            services.action_points.action_point_set_status,
            action_point=action_point,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            by=request.user,
        ),
        done=_("Action point updated."),
        then=back,
    )
