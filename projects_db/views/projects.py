from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coordination.forms import apply_errors
from coordination.search_select import search_response
from coordination.web import paginate, query_without
from swg import permissions

from ..checks.runner import project_quality
from ..filters.projects import ProjectFilter
from ..forms.projects import ConfirmForm, ProjectForm, formset_rows, project_formsets
from ..models import Project
from ..selectors import duplicates, money, submissions
from ..selectors import projects as selectors
from ..services import projects as services
from .common import project_for


@login_required
@require_GET
def project_list(request):
    visible = permissions.scope(request.user, Project.objects.all())
    filterset = ProjectFilter(request.GET or None, queryset=visible)
    projects = filterset.qs if filterset.is_bound else visible
    page = paginate(request, selectors.project_rows(projects))
    return render(
        request,
        "projects_db/project_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query_without(request, "page"),
            "totals": money.project_totals_usd(projects),
            "can_create": permissions.can(request.user, "project.create"),
            "update_progress": _partner_update_progress(request.user),
        },
    )


def _partner_update_progress(user) -> dict | None:
    """A partner's "Q3 2026 update due 15 October — 4 of 6 projects done"."""
    actor = permissions.actor_for(user)
    if not (actor.is_partner and actor.organization_id):
        return None
    year, quarter = submissions.reporting_quarter(timezone.localdate())
    mine = Project.objects.filter(owner_id=actor.organization_id)
    progress = submissions.quarter_progress(projects=mine, year=year, quarter=quarter)
    return progress if progress["owed"] else None


@login_required
@require_GET
def project_detail(request, pk):
    project = project_for(request, pk)
    can_change = permissions.can(request.user, "project.change", project)
    context = selectors.project_detail(project=project)
    context.update(
        project=project,
        can_change=can_change,
        can_history=permissions.can(request.user, "project.history", project),
        quality=project_quality(project) if can_change else None,
        flagged_pairs=duplicates.project_flagged_pairs(project=project, user=request.user),
    )
    return render(request, "projects_db/project_detail.html", context)


def _project_form_page(request, *, project: Project | None):
    actor = permissions.actor_for(request.user)
    instance = project or Project()
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(data, instance=instance, actor=actor)
    formsets = project_formsets(data, instance)
    if data is not None and form.is_valid() and all(f.is_valid() for f in formsets.values()):
        fields = {
            k: v for k, v in form.cleaned_data.items() if k not in ("districts", "beneficiaries")
        }
        children = {name: formset_rows(formset) for name, formset in formsets.items()}
        candidate = Project(owner=fields["owner"], swg=fields["swg"])
        if project is not None:
            candidate.pk = project.pk
        # The saved project must be one this user may change (own organization,
        # own SWG's secretariat), not only the one they opened.
        if not permissions.can(request.user, "project.change", candidate):
            raise PermissionDenied
        try:
            with transaction.atomic():
                if project is None:
                    project = services.project_create(
                        by=request.user,
                        districts=form.cleaned_data["districts"],
                        beneficiaries=form.cleaned_data["beneficiaries"],
                        **children,
                        **fields,
                    )
                else:
                    if form.fields["owner"].disabled:
                        fields.pop("owner")
                    project = services.project_update(
                        project=project,
                        by=request.user,
                        districts=form.cleaned_data["districts"],
                        beneficiaries=form.cleaned_data["beneficiaries"],
                        **children,
                        **fields,
                    )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Project saved."))
            return redirect(project)
    return render(
        request,
        "projects_db/project_form.html",
        {"form": form, "formsets": formsets, "project": project},
    )


@login_required
def project_create(request):
    permissions.require(request.user, "project.create")
    return _project_form_page(request, project=None)


@login_required
def project_edit(request, pk):
    project = project_for(request, pk, "project.change")
    return _project_form_page(request, project=project)


@login_required
def project_publish(request, pk):
    project = project_for(request, pk, "project.publish")
    form = ConfirmForm(request.POST or None)
    if request.method == "POST":
        try:
            quality = services.project_publish(project=project, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Project published."))
            for warning in quality.warnings:
                messages.warning(request, warning)
            return redirect(project)
    return render(
        request,
        "projects_db/project_publish.html",
        {"project": project, "form": form, "quality": project_quality(project)},
    )


@login_required
@require_POST
def project_unpublish(request, pk):
    project = project_for(request, pk, "project.publish")
    services.project_unpublish(project=project, by=request.user)
    messages.success(request, _("The project is a draft again."))
    return redirect(project)


@login_required
@require_GET
def project_history(request, pk):
    project = project_for(request, pk, "project.history")
    return render(
        request,
        "projects_db/project_history.html",
        {"project": project, "history": selectors.project_history_rows(project=project)},
    )


@login_required
@require_GET
def portfolio(request):
    """Published projects only: the portfolio everybody shares (DESIGN §4)."""
    published = permissions.scope(request.user, Project.objects.filter(state="published"))
    return render(
        request,
        "projects_db/portfolio.html",
        selectors.portfolio(published),
    )


@login_required
@require_GET
def project_search(request):
    """The JSON behind the searchable select of projects (an indicator's linked
    projects): only projects the user may see (swg/permissions.py)."""
    swg = request.GET.get("swg", "")
    found = selectors.projects_matching(
        visible=permissions.scope(request.user, Project.objects.all()),
        q=request.GET.get("q", "")[:100],
        swg_id=int(swg) if swg.isdigit() else None,
    )
    return search_response((p.pk, str(p), "") for p in found)
