"""The import job's states (swg/services/imports.py): a run claims the job once,
a redelivered task does nothing, a job whose worker went quiet is given up
with a retry, and a retried job imports once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from swg.models import Contact, ImportJob
from swg.services import imports
from tests.support.spreadsheets import csv_bytes

ROWS = [
    ["name_en", "organization", "email"],
    ["Salma Ali", "WHO", "salma@who.example"],
    ["Omar Said", "WHO", "omar@who.example"],
]
Status = ImportJob.Status


@pytest.fixture
def queued(monkeypatch):
    """The job ids put in the queue (nothing runs them unless the test does)."""
    ids: list[int] = []
    monkeypatch.setattr(imports, "_queue", ids.append)
    return ids


@pytest.fixture
def job(world, queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.import_job_start(
            upload=ContentFile(csv_bytes(ROWS), name="contacts.csv"),
            kind="contacts",
            by=world.secretariat_x,
        )
    assert queued == [job.pk]
    return job


def _quiet_for(job, seconds: float) -> None:
    """As if the job's worker last showed a sign of life ``seconds`` ago."""
    then = timezone.now() - dt.timedelta(seconds=seconds)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=then)


def _imported() -> int:
    return Contact.objects.filter(email__in=["salma@who.example", "omar@who.example"]).count()


def test_it_imports_and_a_redelivered_task_does_nothing(job):
    assert imports.import_job_run(job_id=job.pk) == Status.DONE
    job.refresh_from_db()
    finished_at = job.finished_at

    assert imports.import_job_run(job_id=job.pk) == Status.DONE
    job.refresh_from_db()
    assert (job.finished_at, job.attempts, job.created_count) == (finished_at, 1, 2)
    assert _imported() == 2


def test_it_leaves_a_job_with_a_fresh_heartbeat_to_its_worker(job):
    run = imports.import_job_claim(job_id=job.pk)
    assert run is not None

    assert imports.import_job_run(job_id=job.pk) == Status.RUNNING  # a duplicate task
    assert imports.import_jobs_sweep() == []
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.RUNNING, 1)
    assert _imported() == 0


# A new percentage shows at once when IMPORT_PROGRESS_SECONDS allows it, and
# waits for its time otherwise (the setting is read at each write).
@pytest.mark.parametrize(("seconds", "shown"), [(0, 40), (3600, 0)])
def test_it_writes_a_new_percentage_as_often_as_the_setting_says(settings, job, seconds, shown):
    settings.IMPORT_PROGRESS_SECONDS = seconds
    run = imports.import_job_claim(job_id=job.pk)
    run.progress(40)
    job.refresh_from_db()
    assert job.progress == shown


def test_it_gives_up_a_job_whose_worker_went_quiet(settings, job):
    imports.import_job_claim(job_id=job.pk)
    _quiet_for(job, settings.IMPORT_JOB_STALE_SECONDS + 1)

    assert imports.import_jobs_sweep() == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.interrupted, job.can_retry) == (Status.FAILED, True, True)
    assert imports.import_jobs_sweep() == []


def test_it_retries_a_job_given_up_and_imports_once(
    settings, world, job, queued, django_capture_on_commit_callbacks
):
    imports.import_job_claim(job_id=job.pk)
    _quiet_for(job, settings.IMPORT_JOB_STALE_SECONDS + 1)
    imports.import_jobs_sweep()

    with django_capture_on_commit_callbacks(execute=True):
        imports.import_job_retry(job=job)
    assert queued == [job.pk, job.pk]
    assert imports.import_job_run(job_id=job.pk) == Status.DONE
    job.refresh_from_db()
    assert (job.status, job.attempts, job.created_count, job.message) == (Status.DONE, 2, 2, "")
    assert _imported() == 2

    with pytest.raises(ValidationError):
        imports.import_job_retry(job=job)


def test_it_offers_no_retry_for_a_file_it_cannot_read(world, queued):
    job = imports.import_job_start(
        upload=ContentFile(b"PK\x03\x04 not really", name="broken.xlsx"),
        kind="contacts",
        by=world.secretariat_x,
    )
    assert imports.import_job_run(job_id=job.pk) == Status.FAILED
    job.refresh_from_db()
    assert not job.can_retry
    with pytest.raises(ValidationError):
        imports.import_job_retry(job=job)


def test_it_discards_the_work_of_a_run_given_up_while_it_was_checking(job, monkeypatch):
    contacts_kind = imports.import_kind("contacts")

    def check_slowly(run):
        result = contacts_kind.check(run)
        # The worker was quiet too long: the sweeper gives the job up meanwhile.
        imports.import_jobs_sweep(older_than=dt.timedelta(0))
        return result

    monkeypatch.setitem(
        imports._KINDS,
        "contacts",
        imports.ImportKind(check=check_slowly, write=contacts_kind.write),
    )
    assert imports.import_job_run(job_id=job.pk) == Status.FAILED
    job.refresh_from_db()
    assert job.interrupted and _imported() == 0


def test_it_queues_a_job_again_when_its_task_was_lost(
    settings, job, queued, django_capture_on_commit_callbacks
):
    _quiet_for(job, settings.IMPORT_JOB_STALE_SECONDS + 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert imports.import_jobs_sweep() == []
    assert queued == [job.pk, job.pk]
    job.refresh_from_db()
    assert job.status == Status.QUEUED
    with django_capture_on_commit_callbacks(execute=True):
        imports.import_jobs_sweep()
    assert queued == [job.pk, job.pk]  # queued again once per quiet period


def test_beat_sweeps_the_import_jobs_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["import-jobs-sweep"]
    assert (entry["task"], entry["schedule"]) == ("swg.tasks.import_jobs_sweep", 60.0)
