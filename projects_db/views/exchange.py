"""The project exchange pages (DESIGN §3 "Exchange"): the template, the
upload, the job's progress and preview, the confirmation, the rejected rows,
and the export of any filtered list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coordination.downloads import stored_file_response
from coordination.web import button_action, download
from swg import permissions
from swg.models import ImportJob
from swg.services import imports

from ..exchange import iati, spreadsheet
from ..filters.projects import ProjectFilter
from ..forms.exchange import ProjectImportForm, TemplateForm
from ..models import Project
from ..permissions import projects_changeable
from ..selectors.exchange import export_queryset, spreadsheet_queryset
from ..services import exchange

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def project_import(request):
    permissions.require(request.user, "project.import")
    actor = permissions.actor_for(request.user)
    form = ProjectImportForm(request.POST or None, request.FILES or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        job = exchange.projects_import_start(
            upload=form.cleaned_data["file"],
            by=request.user,
            organization=form.cleaned_data["organization"],
            swg=form.cleaned_data["swg"],
        )
        messages.info(request, _("File received; the rows are being checked."))
        return redirect(job)
    jobs = ImportJob.objects.filter(created_by=request.user, kind=exchange.IMPORT_KIND)[:5]
    return render(
        request,
        "projects_db/project_import.html",
        {"form": form, "jobs": jobs, "template_form": TemplateForm(actor=actor)},
    )


@login_required
@require_GET
def project_import_template(request):
    permissions.require(request.user, "project.import")
    data = {"language": "en", **request.GET.dict()}
    form = TemplateForm(data, actor=permissions.actor_for(request.user))
    if not form.is_valid():
        raise Http404
    organization = form.cleaned_data["organization"]
    projects = []
    if organization is not None:
        # Pre-filled with the projects this person may change (an update keeps its number).
        visible = permissions.scope(request.user, Project.objects.filter(owner=organization))
        projects = spreadsheet_queryset(projects_changeable(request.user, visible).order_by("pk"))
    language = form.cleaned_data["language"]
    workbook = spreadsheet.export_xlsx(projects, language=language, template=True)
    return download(workbook, filename=f"projects-template-{language}.xlsx", content_type=XLSX)


def _job_for(request, pk) -> ImportJob:
    # Somebody else's upload is out of reach (404, whoever asks).
    jobs = ImportJob.objects.filter(kind=exchange.IMPORT_KIND)
    job = permissions.get_visible_or_404(request.user, jobs, pk=pk)
    permissions.require(request.user, "project.import")
    return job


@login_required
@require_GET
def project_import_status(request, pk):
    job = _job_for(request, pk)
    if not job.is_finished:
        imports.import_jobs_sweep(job_ids=[job.pk])
        job.refresh_from_db()
    template = (
        "projects_db/_import_progress.html"
        if request.headers.get("HX-Request")
        else "projects_db/project_import_status.html"
    )
    changed = [
        {**item, "labels": spreadsheet.change_labels(item["changes"])}
        for item in job.preview.get("changed", [])
    ]
    return render(request, template, {"job": job, "changed": changed})


@login_required
@require_POST
def project_import_confirm(request, pk):
    job = _job_for(request, pk)
    return button_action(
        request,
        lambda: imports.import_job_confirm(job=job, by=request.user),
        then=job,
        done=_("Confirmed: the projects are being saved."),
    )


@login_required
@require_POST
def project_import_retry(request, pk):
    job = _job_for(request, pk)
    return button_action(
        request,
        lambda: imports.import_job_retry(job=job),
        then=job,
        done=_("The import was queued again."),
    )


@login_required
@require_GET
def project_import_errors(request, pk):
    job = _job_for(request, pk)
    if job.status != ImportJob.Status.INVALID or not job.rejected_file:
        raise Http404
    return stored_file_response(job.rejected_file, filename=f"rejected-rows-{job.pk}.csv")


@login_required
@require_GET
def project_export(request, fmt):
    """The list's projects as the list's filters chose them (the same query
    parameters), in one of the import's formats."""
    visible = permissions.scope(request.user, Project.objects.all())
    filterset = ProjectFilter(request.GET or None, queryset=visible)
    projects = (filterset.qs if filterset.is_bound else visible).order_by("pk")
    stamp = timezone.localdate().isoformat()
    language = request.LANGUAGE_CODE if request.LANGUAGE_CODE in ("en", "ar") else "en"
    if fmt == "csv":
        return download(
            spreadsheet.export_csv(spreadsheet_queryset(projects), language=language),
            filename=f"projects-{stamp}.csv",
            content_type="text/csv; charset=utf-8",
        )
    if fmt == "xlsx":
        return download(
            spreadsheet.export_xlsx(spreadsheet_queryset(projects), language=language),
            filename=f"projects-{stamp}.xlsx",
            content_type=XLSX,
        )
    # "xml": IATI activity XML 2.03
    return download(
        iati.export_activities(export_queryset(projects)),
        filename=f"projects-iati-{stamp}.xml",
        content_type="application/xml",
    )
