from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination.downloads import stored_file_response
from coordination.web import button_action

from .. import permissions, services
from ..forms.contacts import ImportFileForm
from ..models import ImportJob
from ..permissions import Action


@login_required
def contact_import(request):
    permissions.require(request.user, Action.CONTACT_IMPORT)
    form = ImportFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.contacts.contacts_import_start(
            upload=form.cleaned_data["file"], by=request.user
        )
        messages.info(request, _("File received; the rows are being checked."))
        return redirect(job)
    jobs = ImportJob.objects.filter(created_by=request.user, kind=services.contacts.IMPORT_KIND)[:5]
    return render(request, "swg/contact_import.html", {"form": form, "jobs": jobs})


def _job_for(request, pk) -> ImportJob:
    # Somebody else's upload is out of reach (404, whoever asks); an uploader
    # who may no longer import is refused (403).
    jobs = ImportJob.objects.filter(kind=services.contacts.IMPORT_KIND)
    job = permissions.get_visible_or_404(request.user, jobs, pk=pk)
    permissions.require(request.user, Action.CONTACT_IMPORT)
    return job


@login_required
def contact_import_status(request, pk):
    job = _job_for(request, pk)
    if not job.is_finished:
        # The page polls: it gives up a job whose worker went quiet without
        # waiting for beat's sweep, so the retry shows at once.
        services.imports.import_jobs_sweep(job_ids=[job.pk])
        job.refresh_from_db()
    template = (
        "swg/_import_progress.html"
        if request.headers.get("HX-Request")
        else "swg/contact_import_status.html"
    )
    return render(request, template, {"job": job})


@login_required
@require_POST
def contact_import_retry(request, pk):
    job = _job_for(request, pk)
    return button_action(
        request,
        lambda: services.imports.import_job_retry(job=job),
        then=job,
        done=_("The import was queued again."),
    )


@login_required
def contact_import_errors(request, pk):
    job = _job_for(request, pk)
    if job.status != ImportJob.Status.INVALID:
        raise Http404
    # Written by the job as it checked the rows (swg.services.imports), streamed here.
    return stored_file_response(job.rejected_file, filename=f"rejected-rows-{job.pk}.csv")


@login_required
def contact_import_file(request, pk):
    """The uploaded file itself, to its uploader only, under its original name."""
    job = _job_for(request, pk)
    return stored_file_response(job.file, filename=job.original_name)
