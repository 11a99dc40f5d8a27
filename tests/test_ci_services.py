"""The real services CI provides: PostgreSQL, Redis and a Celery worker.

Locally these skip when a service is absent; with REQUIRE_SERVICES=1 (CI) an
absent service is a failure (``need``).
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection

from swg.models import Contact, ImportJob
from tests.conftest import need
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.services

BASE_DIR = Path(settings.BASE_DIR)
WORKER_START_TIMEOUT = 30
JOB_TIMEOUT = 60


def _redis_broker_url() -> str:
    url = settings.CELERY_BROKER_URL
    need(url.startswith(("redis://", "rediss://")), "a Redis CELERY_BROKER_URL")
    return url


def _redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping())
    except redis.RedisError:
        return False


def test_database_is_postgresql(db):
    need(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL=postgres://...)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        (version,) = cursor.fetchone()
    assert version.startswith("PostgreSQL")


def test_redis_answers_ping_at_the_broker_url():
    url = _redis_broker_url()
    need(_redis_answers(url), f"Redis at {url}")


def test_healthz_is_ok_with_the_real_broker(client, db, monkeypatch):
    url = _redis_broker_url()
    need(_redis_answers(url), f"Redis at {url}")

    from coordination.celery import app

    assert app.conf.broker_url == url  # the check below really asks Redis

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


def _test_database_url() -> str:
    db = connection.settings_dict
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{db.get('HOST') or ''}{port}/{quote(db['NAME'], safe='')}"


def _wait_for(condition, *, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout}s waiting for {what}\n--- worker log ---\n{_tail(log)}")


def _tail(log: Path, chars: int = 4000) -> str:
    return log.read_text(errors="replace")[-chars:] if log.exists() else "(no log)"


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    """A real ``celery worker`` on a queue nobody else listens to, using the test
    database and this test's MEDIA_ROOT. Yields (queue name, log path)."""
    need(connection.vendor == "postgresql", "PostgreSQL (the worker needs the committed test DB)")
    broker = _redis_broker_url()
    need(_redis_answers(broker), f"Redis at {broker}")

    queue = f"test-import-{uuid.uuid4().hex}"
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coordination.settings",
        "DATABASE_URL": _test_database_url(),
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "coordination",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=INFO",
    ]
    with log.open("wb") as out:
        worker = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed as a whole below
        )
    try:

        def ready():
            if worker.poll() is not None:
                pytest.fail(f"the celery worker exited ({worker.returncode}):\n{_tail(log)}")
            return " ready." in log.read_text(errors="replace")

        _wait_for(ready, timeout=WORKER_START_TIMEOUT, what="the celery worker", log=log)
        yield queue, log
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=10)
        _forget_queue(broker, queue)


def _forget_queue(url: str, queue: str):
    """Drop the throwaway queue's keys (list and kombu binding) from Redis."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        keys = list(client.scan_iter(match=f"*{queue}*"))
        if keys:
            client.delete(*keys)
    except redis.RedisError:
        pass


def test_real_worker_imports_contacts_once(celery_worker_process):
    from coordination.celery import app
    from swg.tasks import import_contacts

    queue, log = celery_worker_process
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

    result = import_contacts.apply_async(args=[job.pk], queue=queue)

    def finished():
        job.refresh_from_db()
        return job.is_finished

    _wait_for(finished, timeout=JOB_TIMEOUT, what=f"import job {job.pk}", log=log)
    assert job.status == ImportJob.Status.DONE, (job.status, job.message, job.errors)
    assert (job.total_rows, job.created_count, job.progress) == (2, 2, 100)
    assert set(Contact.objects.filter(organization=org).values_list("email", flat=True)) == {
        "salma@who.example",
        "omar@who.example",
    }
    first_finished_at = job.finished_at

    # A redelivered message (the same task id again) must not import twice.
    import_contacts.apply_async(args=[job.pk], queue=queue, task_id=result.id)
    succeeded = f"[{result.id}] succeeded"
    _wait_for(
        lambda: log.read_text(errors="replace").count(succeeded) >= 2,
        timeout=JOB_TIMEOUT,
        what="the redelivered task",
        log=log,
    )
    job.refresh_from_db()
    assert job.finished_at == first_finished_at
    assert (job.status, job.created_count, job.updated_count) == ("done", 2, 0)
    assert Contact.objects.filter(email__in=["salma@who.example", "omar@who.example"]).count() == 2
