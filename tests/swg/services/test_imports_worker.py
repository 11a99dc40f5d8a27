"""A worker killed in the middle of an import, with real Celery workers,
PostgreSQL and Redis (swg/services/imports.py): the sweeper gives the job up,
the page offers a retry, the retry imports every row once, and a redelivered
task afterwards changes nothing.

Redis would hand the killed worker's unacknowledged task out again only after
its visibility timeout (an hour); the test plays that redelivery at the end.
"""

import functools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from swg import tasks
from swg.models import Contact, ImportJob
from swg.services import imports
from tests.support.spreadsheets import csv_bytes
from tests.support.workers import Workers, need_worker_services, wait_for

pytestmark = pytest.mark.services

ROWS = 20_000
TIMEOUT = 120


@pytest.fixture
def workers(transactional_db, settings, tmp_path, monkeypatch):
    broker = need_worker_services()
    from coordination.celery import app

    app.conf.task_always_eager = False  # conftest turns it back on afterwards
    # Every new percentage is written, so that the test sees the rows being
    # checked however fast the worker checks them.
    env = {"MEDIA_ROOT": str(settings.MEDIA_ROOT), "IMPORT_PROGRESS_SECONDS": "0"}
    with Workers(broker=broker, env=env, log_dir=tmp_path, prefix="test-import") as pool:
        monkeypatch.setattr(imports, "_queue", functools.partial(pool.dispatch, tasks.import_job))
        yield pool


def _job() -> ImportJob:
    return ImportJob.objects.get()


def test_it_recovers_from_a_worker_killed_mid_import(client, settings, world, workers):
    rows = [["name_en", "organization", "email"]]
    rows += [[f"Person {n}", "WHO", f"person{n}@who.example"] for n in range(ROWS)]
    client.force_login(world.secretariat_x)
    worker = workers.start(concurrency=1)
    response = client.post(
        "/contacts/import/", {"file": SimpleUploadedFile("many.csv", csv_bytes(rows))}
    )
    assert response.status_code == 302

    # Kill while the rows are being checked, before anything is written.
    wait_for(
        lambda: _job().status == ImportJob.Status.RUNNING and 5 <= _job().progress < 60,
        timeout=TIMEOUT,
        what="the import to be under way",
        workers=workers,
    )
    workers.kill(worker)
    job = _job()
    assert job.status == ImportJob.Status.RUNNING  # stuck: its worker is gone
    assert not Contact.objects.filter(email__startswith="person").exists()

    settings.IMPORT_JOB_STALE_SECONDS = 0  # as if the quiet period had passed
    assert imports.import_jobs_sweep() == [job.pk]
    page = client.get(response["Location"]).content.decode()
    assert "stopped before it finished" in page
    assert "Retry" in page

    worker = workers.start(concurrency=1)
    assert client.post(f"/contacts/import/{job.pk}/retry/").status_code == 302
    wait_for(
        lambda: _job().is_finished, timeout=TIMEOUT, what="the retried import", workers=workers
    )
    job = _job()
    assert (job.status, job.attempts, job.created_count) == (ImportJob.Status.DONE, 2, ROWS)
    assert Contact.objects.filter(email__startswith="person").count() == ROWS

    # The killed worker's task, redelivered by Redis: the job is finished.
    done_before = workers.succeeded(worker)
    workers.dispatch(tasks.import_job, job.pk)
    wait_for(
        lambda: workers.succeeded(worker) > done_before,
        timeout=TIMEOUT,
        what="the redelivered task",
        workers=workers,
    )
    finished = _job()
    assert (finished.finished_at, finished.attempts) == (job.finished_at, 2)
    assert Contact.objects.filter(email__startswith="person").count() == ROWS
