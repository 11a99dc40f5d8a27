"""Beat and the worker each check in, with the real processes: a ``celery beat``
and a ``celery worker`` on PostgreSQL and Redis. /healthz names the one that
went silent."""

import datetime as dt
import subprocess
import sys

import pytest
from django.utils import timezone

from coordination import health
from coordination.celery import app as celery_app
from coordination.models import Heartbeat
from coordination.tasks import heartbeat
from tests.worker_support import BASE_DIR, Workers, need_worker_services, wait_for

pytestmark = pytest.mark.services

TOKEN = "monitor-token-0123456789abcdef"


@pytest.fixture
def workers(transactional_db, tmp_path, settings, monkeypatch):
    broker = need_worker_services()
    settings.HEALTHZ_TOKEN = TOKEN
    monkeypatch.setattr(celery_app.conf, "task_always_eager", False)  # conftest restores it
    with Workers(broker=broker, log_dir=tmp_path, prefix="test-heartbeat") as pool:
        yield pool


def _seen(name: str):
    return Heartbeat.objects.filter(name=name).values_list("seen_at", flat=True).first()


def _problems(client) -> list[str]:
    return client.get("/healthz", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").json()["problems"]


def test_beat_checks_in_when_it_starts(workers, tmp_path):
    command = [sys.executable, "-m", "celery", "-A", "coordination", "beat", "--loglevel=INFO"]
    log = tmp_path / "beat.log"
    with log.open("wb") as out:
        beat = subprocess.Popen(
            [*command, "--schedule", str(tmp_path / "schedule")],
            cwd=BASE_DIR,
            env=workers.env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: _seen(health.BEAT) is not None, timeout=30, what="beat's heartbeat")
    finally:
        beat.terminate()
        beat.wait(timeout=10)


def test_the_worker_consumes_the_ticks_beat_sends(workers, client):
    worker = workers.start(concurrency=1)
    wait_for(lambda: _seen(health.WORKER) is not None, timeout=10, what="the worker's start")
    Heartbeat.objects.all().delete()

    workers.dispatch(heartbeat)  # as beat sends it each minute

    assert _seen(health.BEAT) is not None  # recorded as the tick was sent
    wait_for(lambda: workers.succeeded(worker) >= 1, timeout=10, what="the tick", workers=workers)
    assert _seen(health.WORKER) is not None
    assert _problems(client) == []

    # The worker dies; minutes later beat still ticks but nobody runs the ticks.
    workers.kill(worker)
    Heartbeat.objects.update(seen_at=timezone.now() - dt.timedelta(minutes=5))
    workers.dispatch(heartbeat)

    response = client.get("/healthz")
    assert response.status_code == 503
    (problem,) = _problems(client)
    assert problem.startswith("worker: last heartbeat")
