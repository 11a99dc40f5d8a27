"""The real services CI provides: PostgreSQL, Redis and a Celery worker.

Locally these skip when a service is absent; with REQUIRE_SERVICES=1 (CI) an
absent service is a failure (``need``).
"""

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from swg.models import Contact, ImportJob
from tests.factories import OrganizationFactory, UserFactory
from tests.support.services import need
from tests.support.workers import (
    Workers,
    need_worker_services,
    redis_answers,
    redis_broker_url,
    wait_for,
)

pytestmark = pytest.mark.services

JOB_TIMEOUT = 60


def test_database_is_postgresql(db):
    need(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL=postgres://...)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        (version,) = cursor.fetchone()
    assert version.startswith("PostgreSQL")


def test_redis_answers_ping_at_the_broker_url():
    url = redis_broker_url()
    need(redis_answers(url), f"Redis at {url}")


def test_healthz_is_ok_with_the_real_broker(client, db, monkeypatch, settings):
    url = redis_broker_url()
    need(redis_answers(url), f"Redis at {url}")

    from coordination import health
    from coordination.celery import app

    assert app.conf.broker_url == url  # the check below really asks Redis
    health.heartbeat_record(name=health.BEAT)
    health.heartbeat_record(name=health.WORKER)
    settings.HEALTHZ_TOKEN = "ci-monitor-token"
    client.defaults["HTTP_AUTHORIZATION"] = "Bearer ci-monitor-token"  # the detail

    response = client.get("/healthz")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["problems"]) == ("ok", [])

    # ... and it is not vacuous: with the broker unreachable it says so.
    # (Celery reads CELERY_BROKER_URL from the environment before its own conf.)
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["broker: OperationalError"]


# ------------------------------------------------------------------ real worker


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    """A real ``celery worker`` on a queue nobody else listens to, using the test
    database and this test's PRIVATE_MEDIA_ROOT. Yields its :class:`Workers`."""
    broker = need_worker_services()
    with Workers(broker=broker, log_dir=tmp_path, prefix="test-import") as workers:
        workers.start(pool="solo", concurrency=1)
        yield workers


def test_real_worker_imports_contacts_once(celery_worker_process):
    from coordination.celery import app
    from swg.tasks import import_job

    workers = celery_worker_process
    org = OrganizationFactory(acronym="WHO")
    user = UserFactory(email="importer@example.org")
    content = (
        "email,organization,name_en,name_ar\n"
        "salma@who.example,WHO,Salma Ali,سلمى علي\n"
        "omar@who.example,WHO,Omar Said,عمر سعيد\n"
    ).encode()
    job = ImportJob.objects.create(
        file=ContentFile(content, name="contacts.csv"),
        original_name="contacts.csv",
        created_by=user,
    )
    app.conf.task_always_eager = False  # conftest turns it back on for the next test

    result = workers.dispatch(import_job, job.pk)

    def finished():
        job.refresh_from_db()
        return job.is_finished

    wait_for(finished, timeout=JOB_TIMEOUT, what=f"import job {job.pk}", workers=workers)
    assert job.status == ImportJob.Status.DONE, (job.status, job.message, job.errors)
    assert (job.total_rows, job.created_count, job.progress) == (2, 2, 100)
    assert set(Contact.objects.filter(organization=org).values_list("email", flat=True)) == {
        "salma@who.example",
        "omar@who.example",
    }
    first_finished_at = job.finished_at

    # A redelivered message (the same task id again) must not import twice.
    workers.dispatch(import_job, job.pk, task_id=result.id)
    succeeded = f"[{result.id}] succeeded"
    wait_for(
        lambda: workers.log_text().count(succeeded) >= 2,
        timeout=JOB_TIMEOUT,
        what="the redelivered task",
        workers=workers,
    )
    job.refresh_from_db()
    assert job.finished_at == first_finished_at
    assert (job.status, job.created_count, job.updated_count) == ("done", 2, 0)
    assert Contact.objects.filter(email__in=["salma@who.example", "omar@who.example"]).count() == 2
