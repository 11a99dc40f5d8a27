"""Celery tasks: thin shells that take an id or a date and call a service
(DESIGN §5). Their registered names stay ``swg.tasks.<name>``: queued tasks
and the beat schedule in settings name them so."""

import datetime as dt

from celery import shared_task

from .services import calendar_replies, documents, imports, schedule


@shared_task(name="swg.tasks.import_job")
def import_job(job_id: int) -> str:
    """Every kind of import (``swg.services.imports``); a second delivery of
    the same job does nothing."""
    return imports.import_job_run(job_id=job_id)


@shared_task(name="swg.tasks.import_jobs_sweep")
def import_jobs_sweep() -> int:
    """Beat, every minute: give up jobs whose worker died, queue lost ones again."""
    return len(imports.import_jobs_sweep())


@shared_task(name="swg.tasks.import_jobs_purge")
def import_jobs_purge() -> int:
    """Uploaded files hold personal data: keep them only as long as needed."""
    return imports.import_jobs_purge()


@shared_task(name="swg.tasks.monthly_schedule_send_task")
def monthly_schedule_send_task(today: str | dt.date | None = None) -> int | None:
    """Beat runs this daily at 08:00 Tripoli time on days 1-7 of the month; it
    sends only on the first working day (DESIGN §5). ``today`` (ISO date) is for
    tests and reruns; the outbox makes a second run send nothing."""
    day = dt.date.fromisoformat(today) if isinstance(today, str) else today
    return schedule.monthly_schedule_send_if_due(today=day)


@shared_task(name="swg.tasks.document_version_extract")
def document_version_extract(version_id: int) -> str:
    """Index the text of an uploaded PDF or DOCX (swg.services.documents)."""
    return documents.document_version_extract(version_id=version_id)


@shared_task(name="swg.tasks.document_versions_requeue")
def document_versions_requeue() -> int:
    """Beat: versions whose indexing task was lost are queued again."""
    return documents.document_versions_requeue()


@shared_task(name="swg.tasks.meeting_records_file")
def meeting_records_file(minutes_id: int) -> int:
    """File circulated minutes and the list of participants in the archive."""
    return len(documents.meeting_records_file(minutes_id=minutes_id))


@shared_task(name="swg.tasks.calendar_replies_fetch_task")
def calendar_replies_fetch_task() -> dict[str, int]:
    """Beat, every ``CALENDAR_REPLIES_INTERVAL`` seconds when the replies
    mailbox is configured: apply the calendar replies that arrived."""
    return dict(calendar_replies.calendar_replies_fetch())


@shared_task(name="swg.tasks.tor_file")
def tor_file(version_id: int) -> int:
    """File an endorsed TOR in the archive, in English and Arabic."""
    return len(documents.tor_file(version_id=version_id))
