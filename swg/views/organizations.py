from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coordination.forms import apply_errors
from coordination.history import history_rows
from coordination.web import paginate

from .. import permissions, selectors, services
from ..filters.organizations import OrganizationFilter
from ..forms.memberships import FocalPointForm, MembershipEndForm
from ..forms.organizations import OrganizationForm
from ..models import FocalPoint, Organization
from ..permissions import Action
from .common import form_page


def _organization_for(request, pk) -> Organization:
    return permissions.get_visible_or_404(
        request.user, Organization.objects.select_related("parent"), pk=pk
    )


@login_required
def organization_list(request):
    queryset = permissions.scope(request.user, Organization.objects.select_related("parent"))
    filterset = OrganizationFilter(request.GET or None, queryset=queryset.order_by("name_en"))
    page = paginate(request, filterset.qs)
    return render(
        request,
        "swg/organization_list.html",
        {
            "filter": filterset,
            "page": page,
            "can_create": permissions.can(request.user, Action.ORGANIZATION_CREATE),
        },
    )


@login_required
def organization_detail(request, pk):
    organization = _organization_for(request, pk)
    context = selectors.organizations.organization_detail(organization=organization)
    context.update(
        organization=organization,
        can_change=permissions.can(request.user, Action.ORGANIZATION_CHANGE, organization),
        visible_contacts=permissions.scope(request.user, context["contacts"]),
        history=history_rows(obj=organization)
        if permissions.can(request.user, Action.HISTORY_VIEW, organization)
        else None,
    )
    return render(request, "swg/organization_detail.html", context)


@login_required
def organization_create(request):
    permissions.require(request.user, Action.ORGANIZATION_CREATE)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = form.save()
        messages.success(request, _("Organization created."))
        return redirect(organization)
    return form_page(request, form, title=_("New organization"), back_url="/organizations/")


@login_required
def organization_edit(request, pk):
    organization = _organization_for(request, pk)
    permissions.require(request.user, Action.ORGANIZATION_CHANGE, organization)
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Organization saved."))
        return redirect(organization)
    return form_page(
        request, form, title=str(organization), back_url=organization.get_absolute_url()
    )


@login_required
def focal_point_add(request, pk):
    organization = _organization_for(request, pk)
    permissions.require(request.user, Action.FOCAL_POINT_CHANGE, organization)
    form = FocalPointForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.memberships.focal_point_appoint(
                organization=organization,
                contact=data["contact"],
                purpose=data["purpose"],
                swg=data["swg"],
                purpose_detail=data["purpose_detail"],
                appointed_on=data["appointed_on"],
                is_interim=data["is_interim"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Focal point appointed; the previous one was ended."))
            return redirect(organization)
    return form_page(
        request,
        form,
        title=_("Appoint a focal point for %(org)s") % {"org": organization.name},
        back_url=organization.get_absolute_url(),
    )


@login_required
def focal_point_end(request, pk, fp_pk):
    organization = _organization_for(request, pk)
    focal_point = get_object_or_404(FocalPoint, pk=fp_pk, organization=organization)
    permissions.require(request.user, Action.FOCAL_POINT_CHANGE, organization)
    form = MembershipEndForm(request.POST or None)
    form.fields.pop("reason")
    if request.method == "POST" and form.is_valid():
        try:
            services.memberships.focal_point_end(
                focal_point=focal_point, ended_on=form.cleaned_data["end_date"], by=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Appointment ended."))
            return redirect(organization)
    return form_page(
        request,
        form,
        title=_("End appointment: %(fp)s") % {"fp": focal_point},
        back_url=organization.get_absolute_url(),
    )
