from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coordination.web import download

from .. import permissions, services
from ..exchange.contacts import invalid_rows_csv, read_table
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
    jobs = ImportJob.objects.filter(created_by=request.user)[:5]
    return render(request, "swg/contact_import.html", {"form": form, "jobs": jobs})


def _job_for(request, pk) -> ImportJob:
    permissions.require(request.user, Action.CONTACT_IMPORT)
    # Somebody else's upload is not within reach.
    return get_object_or_404(ImportJob, pk=pk, created_by=request.user)


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
        rows = read_table(fh.read(), job.original_name)
    content = invalid_rows_csv(rows=rows, errors=job.errors)
    return download(
        content, filename=f"rejected-rows-{job.pk}.csv", content_type="text/csv; charset=utf-8"
    )
