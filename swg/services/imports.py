"""Imports of uploaded files as Celery jobs (DESIGN §5: long work runs in
Celery and the page polls its progress). Shared by every kind of import: a
kind supplies the function that reads the file and writes its rows, and the
job moves queued → running → done, invalid (some rows have errors; nothing is
saved) or failed (the file could not be read).

The task is queued only after the job row is committed, so the worker always
finds it, and a redelivered task finds the job finished and does nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import ImportJob

log = logging.getLogger(__name__)

# Uploaded files hold personal data: kept only as long as needed.
PURGE_AFTER_DAYS = 30


@dataclass
class ImportResult:
    """What an import found: every row problem, or what it wrote."""

    errors: list[dict]
    created: int = 0
    updated: int = 0
    total: int = 0


Importer = Callable[[ImportJob, Callable[[int], None]], ImportResult]


def import_job_start(*, upload, kind: str, by, task) -> ImportJob:
    """Store the upload as a queued job and queue ``task`` (a Celery task that
    takes the job's id) once the transaction commits."""
    job = ImportJob.objects.create(
        kind=kind, file=upload, original_name=upload.name[:255], created_by=by
    )
    transaction.on_commit(lambda: task.delay(job.pk))
    return job


def import_job_begin(*, job_id: int) -> ImportJob | None:
    """The job, now running; None when it has already finished."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.is_finished:
        return None
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    return job


def import_job_progress(*, job: ImportJob, percent: int) -> None:
    ImportJob.objects.filter(pk=job.pk).update(progress=percent)


def _finish(job: ImportJob, status: str) -> str:
    job.status = status
    job.progress = 100
    job.finished_at = timezone.now()
    job.save()
    return job.status


def import_job_finish(*, job: ImportJob, result: ImportResult) -> str:
    """Record what the import found: invalid when any row has an error."""
    job.total_rows, job.errors = result.total, result.errors
    job.created_count, job.updated_count = result.created, result.updated
    return _finish(job, ImportJob.Status.INVALID if result.errors else ImportJob.Status.DONE)


def import_job_fail(*, job: ImportJob, message: str) -> str:
    job.message = message
    return _finish(job, ImportJob.Status.FAILED)


def import_job_run(*, job_id: int, importer: Importer) -> str:
    """Run one job with ``importer(job, progress)``; returns the job's status.

    ``importer`` raises ``ValueError`` with a message for the user when the
    file cannot be read; any other error fails the job with a general message
    (a broken file must end the job visibly, not hang it)."""
    job = import_job_begin(job_id=job_id)
    if job is None:
        return ImportJob.objects.filter(pk=job_id).values_list("status", flat=True).get()

    def progress(percent: int) -> None:
        import_job_progress(job=job, percent=percent)

    # Row messages are stored as shown: in the language of the person who uploaded.
    with translation.override(job.created_by.language):
        try:
            result = importer(job, progress)
        except ValueError as exc:
            return import_job_fail(job=job, message=str(exc))
        except Exception:
            log.exception("%s import %s failed", job.kind, job.pk)
            return import_job_fail(
                job=job, message=_("The file could not be read. Check its format.")
            )
    return import_job_finish(job=job, result=result)


def import_jobs_purge(*, older_than_days: int = PURGE_AFTER_DAYS) -> int:
    """Delete old jobs and their uploaded files; returns how many."""
    cutoff = timezone.now() - dt.timedelta(days=older_than_days)
    count = 0
    for job in ImportJob.objects.filter(created_at__lt=cutoff):
        job.file.delete(save=False)
        job.delete()
        count += 1
    return count
