"""Celery shells: take an id, call a service (STYLE habit 5)."""

import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .contact_io import contacts_import, read_table
from .models import ImportJob

log = logging.getLogger(__name__)


@shared_task
def import_contacts(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.is_finished:
        return job.status  # a redelivered message must not import twice
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])

    def progress(percent):
        ImportJob.objects.filter(pk=job.pk).update(progress=percent)

    # Row messages are stored as shown: in the language of the person who uploaded.
    with translation.override(job.created_by.language):
        try:
            with job.file.open("rb") as fh:
                rows = read_table(fh.read(), job.original_name)
            result = contacts_import(rows=rows, by=job.created_by, progress=progress)
        except ValueError as exc:  # read_table's own, user-facing message
            result, job.message = None, str(exc)
        except Exception:  # a broken file must end the job visibly, not hang it
            log.exception("contact import %s failed", job.pk)
            result, job.message = None, _("The file could not be read. Check its format.")
    if result is None:
        job.status = ImportJob.Status.FAILED
    else:
        job.total_rows, job.errors = result.total, result.errors
        job.created_count, job.updated_count = result.created, result.updated
        job.status = ImportJob.Status.INVALID if result.errors else ImportJob.Status.DONE
    job.progress = 100
    job.finished_at = timezone.now()
    job.save()
    return job.status


@shared_task
def import_jobs_purge() -> int:
    """Uploaded files hold personal data: keep them only as long as needed
    (IMPORT_RETENTION_DAYS), the file together with its job."""
    cutoff = timezone.now() - dt.timedelta(days=settings.IMPORT_RETENTION_DAYS)
    count = 0
    for job in ImportJob.objects.filter(created_at__lt=cutoff):
        job.file.delete(save=False)
        job.delete()
        count += 1
    return count


@shared_task
def monthly_schedule_send_task(today: str | dt.date | None = None) -> int | None:
    """Beat runs this daily at 08:00 Tripoli time on days 1-3 of the month; it
    sends only on the first working day (DESIGN §5). ``today`` (ISO date) is for
    tests and reruns; the outbox makes a second run send nothing."""
    from .schedule import monthly_schedule_send_if_due

    day = dt.date.fromisoformat(today) if isinstance(today, str) else today
    return monthly_schedule_send_if_due(today=day)
