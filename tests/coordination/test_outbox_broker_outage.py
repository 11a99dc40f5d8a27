"""Mail queued while the broker (Redis) was down goes out once it is back, within
the sweeper's minute, exactly once: real Redis, a real worker and real SMTP."""

import datetime as dt
import functools

import pytest
from django.utils import timezone

from coordination import outbox
from coordination.celery import app as celery_app
from coordination.models import OutboxMessage
from coordination.tasks import outbox_send_task, outbox_sweep
from tests import smtp_support
from tests.worker_support import Workers, need_worker_services, wait_for

pytestmark = pytest.mark.services

smtp_server = smtp_support.smtp_server  # the fixture, used by name
Status = OutboxMessage.Status
CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens there


def _use_broker(monkeypatch, url: str) -> None:
    """Point this process's Celery app at ``url``, dropping the cached connections.
    Celery reads these environment variables before its config (CI sets them)."""
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    monkeypatch.delenv("CELERY_BROKER_WRITE_URL", raising=False)
    monkeypatch.setattr(celery_app.conf, "broker_url", url)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def workers(transactional_db, smtp_server, tmp_path, monkeypatch):
    broker = need_worker_services()
    monkeypatch.setattr(celery_app.conf, "task_always_eager", False)  # conftest restores it
    with Workers(
        broker=broker, env=smtp_server.env(), log_dir=tmp_path, prefix="test-outage"
    ) as pool:
        # Whatever the outbox queues goes to this pool's private queue.
        monkeypatch.setattr(outbox, "_queue", functools.partial(pool.dispatch, outbox_send_task))
        yield pool
    _use_broker(monkeypatch, broker)


def _enqueue(email: str) -> OutboxMessage:
    message, _created = outbox.outbox_enqueue(
        purpose="outage-test",
        object_key="user:1",
        recipient_email=email,
        template="password_reset",
        context={"reset_url": "https://swg.example/reset/", "valid_days": 3},
    )
    message.refresh_from_db()
    return message


def _age(message: OutboxMessage, seconds: int) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - dt.timedelta(seconds=seconds)
    )


def test_mail_queued_while_the_broker_was_down_goes_out_once_it_is_back(
    workers, smtp_server, monkeypatch
):
    workers.start(concurrency=2)
    _use_broker(monkeypatch, CLOSED_PORT)

    message = _enqueue("amina@who.example")  # the request still succeeds

    assert message.status == Status.QUEUED
    assert smtp_server.messages == []
    _use_broker(monkeypatch, workers.broker)  # Redis is back
    _age(message, 61)  # a minute later beat runs the sweeper
    assert outbox_sweep() == 1

    (received,) = smtp_server.wait_for(1, timeout=20)
    assert received.rcpt_tos == ["amina@who.example"]
    wait_for(
        lambda: OutboxMessage.objects.get(pk=message.pk).status == Status.SENT,
        timeout=10,
        what="the message to be marked sent",
        workers=workers,
    )
    assert outbox_sweep() == 0  # the next minute: nothing more to do
    assert len(smtp_server.messages) == 1


def test_the_sweeper_leaves_a_message_the_broker_has_to_its_worker(
    workers, smtp_server, monkeypatch
):
    message = _enqueue("marco@eud.example")  # handed to the broker; no worker yet
    _age(message, 120)

    assert outbox_sweep() == 0  # a busy queue is not a lost task: no duplicate
    worker = workers.start(concurrency=1)
    smtp_server.wait_for(1, timeout=20)
    wait_for(lambda: workers.succeeded(worker) >= 1, timeout=10, what="the one send task")
    assert workers.queue_length() == 0
    assert len(smtp_server.messages) == 1


def test_beat_runs_the_sweeper_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]
    assert entry["task"] == "coordination.tasks.outbox_sweep"
    assert entry["schedule"] <= 60
    assert settings.OUTBOX_UNDISPATCHED_AFTER <= 60
