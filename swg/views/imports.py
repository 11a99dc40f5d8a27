from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coordination.downloads import stored_file_response

from .. import contact_io, permissions
from ..models import ImportJob
from .common import download


@login_required
def contact_import(request):
    permissions.require(request.user, "contact.import")
    form = contact_io.ImportFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = contact_io.contacts_import_start(upload=form.cleaned_data["file"], by=request.user)
        messages.info(request, _("File received; the rows are being checked."))
        return redirect(job)
    jobs = ImportJob.objects.filter(created_by=request.user)[:5]
    return render(request, "swg/contact_import.html", {"form": form, "jobs": jobs})


def _job_for(request, pk) -> ImportJob:
    # Somebody else's upload is not within reach (404, whoever asks); the
    # uploader who may no longer import is refused (403).
    job = get_object_or_404(ImportJob, pk=pk, created_by=request.user)
    permissions.require(request.user, "contact.import")
    return job


@login_required
def contact_import_status(request, pk):
    job = _job_for(request, pk)
    template = (
        "swg/_import_progress.html"
        if request.headers.get("HX-Request")
        else "swg/contact_import_status.html"
    )
    return render(request, template, {"job": job})


@login_required
def contact_import_errors(request, pk):
    job = _job_for(request, pk)
    if job.status != ImportJob.Status.INVALID:
        raise Http404
    with job.file.open("rb") as fh:
        rows = contact_io.read_table(fh.read(), job.original_name)
    content = contact_io.invalid_rows_csv(rows=rows, errors=job.errors)
    return download(
        content, filename=f"rejected-rows-{job.pk}.csv", content_type="text/csv; charset=utf-8"
    )


@login_required
def contact_import_file(request, pk):
    """The uploaded file itself, to its uploader only, under its original name."""
    job = _job_for(request, pk)
    return stored_file_response(job.file, filename=job.original_name)
