"""Exactly-once with real Celery workers, PostgreSQL, Redis and SMTP (DESIGN §5:
"sent at most once per recipient and purpose, even when a job runs twice or a
worker dies mid-run").

Each test starts ``celery worker`` subprocesses on a queue nobody else listens
to, sends through the test SMTP server, and kills workers with SIGKILL (no warm
shutdown, no acknowledgement). Redis would hand a killed worker's unacknowledged
tasks out again only after its visibility timeout (an hour), so recovery here
relies on the outbox sweeper, as production does.
"""

import copy
import datetime as dt
import functools
import time
from pathlib import Path

import pytest

import tests
from coordination import outbox
from coordination.models import OutboxMessage
from coordination.tasks import outbox_send_task
from tests.support.workers import Workers, need_worker_services, wait_for

pytestmark = pytest.mark.services

TEMPLATES_DIR = Path(tests.__file__).parent / "templates"
Status = OutboxMessage.Status


@pytest.fixture(autouse=True)
def _test_email_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_DIR]
    settings.TEMPLATES = templates


@pytest.fixture
def workers(transactional_db, smtp_server, tmp_path, monkeypatch):
    """Starts no worker by itself; tests call ``workers.start()``. Everything
    the outbox queues (on commit, by the sweeper) goes to the private queue."""
    broker = need_worker_services()
    from coordination.celery import app

    app.conf.task_always_eager = False  # conftest turns it back on afterwards
    # The workers render nothing: messages are rendered when enqueued, here.
    with Workers(
        broker=broker, env=smtp_server.env(), log_dir=tmp_path, prefix="test-outbox"
    ) as pool:
        monkeypatch.setattr(outbox, "_queue", functools.partial(pool.dispatch, outbox_send_task))
        yield pool


def _enqueue(n: int) -> OutboxMessage:
    message, _created = outbox.outbox_enqueue(
        purpose="worker-test",
        object_key="meeting:1",
        recipient_email=f"person{n}@example.org",
        recipient_name=f"Person {n}",
        template="outbox_test",
        context={"title": f"Message {n}"},
    )
    return message


def _statuses() -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in OutboxMessage.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def _assert_each_recipient_got_exactly_one(smtp_server, count: int):
    by_recipient = smtp_server.count_by_recipient()
    assert by_recipient == {f"person{n}@example.org": 1 for n in range(count)}, by_recipient
    assert len(smtp_server.messages) == count


def test_it_sends_once_when_every_task_runs_twice_at_once(workers, smtp_server, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(outbox, "_queue", lambda message_id: None)  # dispatched below, twice
        ids = [_enqueue(n).pk for n in range(20)]
    worker = workers.start(concurrency=2)

    # Both copies of a task side by side: the two pool processes take them
    # together and race for the claim (40 runs for 20 messages).
    for message_id in ids:
        workers.dispatch(outbox_send_task, message_id)
        workers.dispatch(outbox_send_task, message_id)

    wait_for(
        lambda: workers.succeeded(worker) >= 40,
        timeout=30,
        what="40 task runs",
        workers=workers,
    )
    _assert_each_recipient_got_exactly_one(smtp_server, 20)
    assert _statuses() == {Status.SENT: 20}
    # The losing run of each pair made no attempt of its own.
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}


def test_it_sends_once_when_a_worker_is_killed_mid_batch(workers, smtp_server):
    # Slow before DATA: a worker killed while waiting has delivered nothing.
    smtp_server.delay_rcpt = 0.3
    for n in range(20):
        _enqueue(n)  # queued for the workers on commit
    worker = workers.start(concurrency=2)

    # Kill when both pool processes are inside a conversation, before DATA.
    wait_for(
        lambda: len(smtp_server.messages) >= 5 and smtp_server.waiting_before_data == 2,
        timeout=30,
        what="five deliveries with two more under way",
        workers=workers,
    )
    workers.kill(worker)

    delivered = len(smtp_server.messages)
    statuses = _statuses()
    assert 5 <= delivered < 20
    assert statuses[Status.SENT] == delivered
    assert statuses[Status.SENDING] == 2  # their worker is gone: stuck
    assert statuses[Status.QUEUED] == 20 - delivered - 2
    stuck = set(OutboxMessage.objects.filter(status=Status.SENDING).values_list("pk", flat=True))
    assert not OutboxMessage.objects.filter(status=Status.SENDING, sent_at__isnull=False).exists()

    # Exactly once holds because (1) only the claim's winner talks to SMTP, and
    # (2) the killed conversations never reached DATA (their rows have no
    # sent_at), so nothing of them was delivered and sending them again is
    # their first delivery. Messages the dead worker had reserved but not
    # started are still "queued" with their task unacknowledged in Redis; the
    # sweeper queues them again too (a duplicate task only loses the claim).
    # Sweep before the new worker starts: with older_than=0 a live worker's
    # claims would look stale as well.
    requeued = set(outbox.outbox_requeue_stale(older_than=dt.timedelta(0)))
    assert stuck <= requeued
    assert set(OutboxMessage.objects.filter(status=Status.QUEUED).values_list("pk", flat=True)) == (
        requeued
    )

    smtp_server.delay_rcpt = 0.02
    workers.start(concurrency=2)
    wait_for(
        lambda: (
            OutboxMessage.objects.filter(status=Status.SENT).count() == 20
            and workers.queue_length() == 0
        ),
        timeout=30,
        what="all messages sent",
        workers=workers,
    )
    time.sleep(0.5)  # the last duplicate tasks finish: they must send nothing

    _assert_each_recipient_got_exactly_one(smtp_server, 20)
    assert _statuses() == {Status.SENT: 20}


def test_it_never_resends_a_message_handed_over_before_the_kill(workers, smtp_server):
    # Slow after DATA: the server has the message, the worker dies unanswered.
    smtp_server.delay_data = 30
    message = _enqueue(0)
    worker = workers.start(concurrency=1)
    wait_for(
        lambda: len(smtp_server.messages) == 1 and smtp_server.waiting_after_data == 1,
        timeout=20,
        what="the message to reach the server",
        workers=workers,
    )
    workers.kill(worker)
    message.refresh_from_db()
    assert message.status == Status.SENDING and message.sent_at is not None

    assert outbox.outbox_requeue_stale(older_than=dt.timedelta(0)) == []
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert message.last_error == outbox.UNCERTAIN_DELIVERY

    # Even a redelivered task (Redis, an hour later) sends nothing more.
    smtp_server.delay_data = 0
    worker = workers.start(concurrency=1)
    workers.dispatch(outbox_send_task, message.pk)
    wait_for(lambda: workers.succeeded(worker) >= 1, timeout=20, what="the redelivered task")
    assert len(smtp_server.messages) == 1
    message.refresh_from_db()
    assert message.status == Status.FAILED
