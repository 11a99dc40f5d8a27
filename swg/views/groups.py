from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coordination.forms import apply_errors
from coordination.history import history_rows
from coordination.web import paginate, query_without, url_for_id

from .. import permissions, selectors, services
from ..forms.memberships import MembershipEditForm, MembershipEndForm, MembershipForm
from ..forms.structure import AsOfForm
from ..models import Meeting, Membership
from ..permissions import Action
from .common import form_page, swg_for


@login_required
def swg_list(request):
    swgs = selectors.structure.swg_list(swgs=permissions.visible_swgs(request.user))
    active = [s for s in swgs if s.is_active]
    legacy = [s for s in swgs if not s.is_active]
    return render(request, "swg/swg_list.html", {"active_swgs": active, "legacy_swgs": legacy})


@login_required
def swg_detail(request, slug):
    swg = swg_for(request, slug)
    as_of_form = AsOfForm(request.GET or None)
    as_of = None
    if as_of_form.is_valid() and as_of_form.cleaned_data["on"]:
        on = as_of_form.cleaned_data["on"]
        historical, subsectors = selectors.structure.swg_as_of(swg=swg, on=on)
        as_of = {"on": on, "swg": historical, "subsectors": subsectors}
    can_manage = permissions.can(request.user, Action.SWG_MANAGE, swg)
    tor = selectors.tors.tor_endorsed(swg=swg)
    replaced_by, replaces = selectors.structure.swg_lineage(swg=swg)
    # One page of members (a regional group has hundreds over the years).
    page = paginate(
        request, selectors.memberships.swg_memberships(swg=swg, include_ended=can_manage)
    )
    if can_manage:
        for membership in page:
            membership.edit_url = url_for_id("swg:membership_edit", membership.pk, swg.slug)
            membership.end_url = url_for_id("swg:membership_end", membership.pk, swg.slug)
    context = {
        "swg": swg,
        "subsectors": swg.subsectors.filter(is_active=True),
        "page": page,
        "query": query_without(request, "page"),
        "replaced_by": replaced_by,
        "replaces": replaces,
        "structure_history": selectors.structure.swg_structure_history(swg=swg),
        "size_warning": selectors.memberships.membership_size_warning(swg=swg)
        if can_manage
        else None,
        "can_manage": can_manage,
        "can_restructure": permissions.can(request.user, Action.SWG_RESTRUCTURE, swg),
        "as_of_form": as_of_form,
        "as_of": as_of,
        "history": history_rows(obj=swg)
        if permissions.can(request.user, Action.HISTORY_VIEW, swg)
        else None,
        "tor": tor,
        "tor_sections": selectors.tors.tor_sections(version=tor) if tor else [],
        "meetings": selectors.meetings.swg_meetings_overview(
            meetings=permissions.scope(request.user, Meeting.objects.filter(swg=swg))
        ),
    }
    return render(request, "swg/swg_detail.html", context)


@login_required
def membership_add(request, slug):
    swg = swg_for(request, slug)
    permissions.require(request.user, Action.SWG_MANAGE, swg)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _membership, warning = services.memberships.membership_add(
                swg=swg,
                role=data["role"],
                organization=data["organization"],
                contact=data["contact"],
                task_en=data["task_en"],
                task_ar=data["task_ar"],
                start_date=data["start_date"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Member added."))
            if warning:
                messages.warning(request, warning)
            return redirect(swg)
    return form_page(
        request,
        form,
        title=_("Add a member to %(swg)s") % {"swg": swg.name},
        back_url=swg.get_absolute_url(),
    )


def _membership_for(request, slug, pk) -> Membership:
    swg = swg_for(request, slug)
    membership = get_object_or_404(Membership.objects.select_related("swg"), pk=pk, swg=swg)
    permissions.require(request.user, Action.SWG_MANAGE, swg)
    return membership


@login_required
def membership_edit(request, slug, pk):
    membership = _membership_for(request, slug, pk)
    form = MembershipEditForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.memberships.membership_update(
                membership=membership,
                role=form.cleaned_data["role"],
                task_en=form.cleaned_data["task_en"],
                task_ar=form.cleaned_data["task_ar"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Membership updated."))
            return redirect(membership.swg)
    return form_page(
        request, form, title=str(membership), back_url=membership.swg.get_absolute_url()
    )


@login_required
def membership_end(request, slug, pk):
    membership = _membership_for(request, slug, pk)
    form = MembershipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.memberships.membership_end(
                membership=membership,
                end_date=form.cleaned_data["end_date"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Membership ended; it stays in the group's history."))
            return redirect(membership.swg)
    return form_page(
        request,
        form,
        title=_("End membership: %(m)s") % {"m": membership},
        back_url=membership.swg.get_absolute_url(),
    )
