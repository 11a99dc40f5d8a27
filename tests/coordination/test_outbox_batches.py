"""A fan-out through the outbox (docs/architecture.md "Long work"): rendered
once per group and language, stored in bulk, sent in batches over one SMTP
connection each; still exactly one message per recipient, each failure
recorded and retried on its own."""

import copy
import functools
from pathlib import Path

import pytest

import tests
from coordination import outbox
from coordination.models import OutboxMessage
from coordination.outbox import BulkMessage, outbox_enqueue_many, outbox_render
from coordination.tasks import outbox_send_batch_task, outbox_send_task
from tests.support.workers import Workers, need_worker_services, wait_for

TEMPLATES_DIR = Path(tests.__file__).parent / "templates"
Status = OutboxMessage.Status

NAMES = ["Amina Haddad", "أمينة حداد", "", "R&D <Team>  of  Tripoli"]


@pytest.fixture(autouse=True)
def _test_email_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_DIR]
    settings.TEMPLATES = templates


def _messages(count: int, *, names=("Person",)):
    return [
        BulkMessage(
            recipient_email=f"person{n}@example.org",
            recipient_name=names[n % len(names)] and f"{names[n % len(names)]} {n}",
            language=("en", "ar")[n % 2],
            group="all",
            context={"title": "Health SWG, March"},
        )
        for n in range(count)
    ]


def _enqueue(count: int, **kwargs) -> int:
    return outbox_enqueue_many(
        purpose="batch-test",
        object_key="month:2030-03",
        template="outbox_test",
        messages=_messages(count, **kwargs),
    )


def test_each_message_reads_as_if_rendered_for_its_recipient_alone(db, monkeypatch):
    monkeypatch.setattr(outbox, "_queue_batch", lambda ids: None)
    assert _enqueue(16, names=NAMES) == 16
    for message in OutboxMessage.objects.all():
        language, subject, text, html = outbox_render(
            template="outbox_test",
            context={"title": "Health SWG, March"},
            language=message.language,
            recipient_name=message.recipient_name,
        )
        assert (message.subject, message.body_text, message.body_html) == (subject, text, html)
    arabic = OutboxMessage.objects.get(recipient_email="person1@example.org")
    assert "أمينة حداد 1" in arabic.body_html
    escaped = OutboxMessage.objects.get(recipient_email="person3@example.org")
    assert "R&amp;D &lt;Team&gt;" in escaped.body_html and "R&D <Team>" in escaped.body_text


def test_it_renders_once_per_language_not_per_recipient(db, monkeypatch):
    monkeypatch.setattr(outbox, "_queue_batch", lambda ids: None)
    renders = []
    real = outbox.outbox_render
    monkeypatch.setattr(
        outbox, "outbox_render", lambda **kw: renders.append(kw["language"]) or real(**kw)
    )
    _enqueue(200)
    # Once with stand-ins and once to check them, per language.
    assert sorted(renders) == ["ar", "ar", "en", "en"]


def test_a_second_run_stores_nothing(db, monkeypatch):
    monkeypatch.setattr(outbox, "_queue_batch", lambda ids: None)
    assert _enqueue(30) == 30
    assert _enqueue(30) == 0
    assert OutboxMessage.objects.count() == 30


def test_a_refused_message_is_recorded_and_retried_alone(
    db, smtp_server, django_capture_on_commit_callbacks
):
    # The first message's recipient is refused for good, the second's content once.
    smtp_server.fail_next(1, code=550, text="5.1.1 No such user", stage="rcpt")
    smtp_server.fail_next(1, code=451)
    with django_capture_on_commit_callbacks(execute=True):
        _enqueue(10)
    # Eager tasks: the batch, then the retry of the 451 at once.
    assert smtp_server.count_by_recipient() == {f"person{n}@example.org": 1 for n in range(1, 10)}
    retried = OutboxMessage.objects.get(recipient_email="person1@example.org")
    assert (retried.status, retried.attempts) == (Status.SENT, 2)
    refused = OutboxMessage.objects.get(recipient_email="person0@example.org")
    assert refused.status == Status.FAILED and "No such user" in refused.last_error
    assert OutboxMessage.objects.filter(status=Status.SENT).count() == 9


@pytest.fixture
def workers(transactional_db, smtp_server, tmp_path, monkeypatch):
    broker = need_worker_services()
    from coordination.celery import app

    app.conf.task_always_eager = False  # conftest turns it back on afterwards
    with Workers(
        broker=broker, env=smtp_server.env(), log_dir=tmp_path, prefix="test-outbox-batch"
    ) as pool:
        monkeypatch.setattr(outbox, "_queue", functools.partial(pool.dispatch, outbox_send_task))
        monkeypatch.setattr(
            outbox, "_queue_batch", functools.partial(pool.dispatch, outbox_send_batch_task)
        )
        yield pool


@pytest.mark.services
def test_a_real_worker_sends_each_batch_over_one_connection(workers, smtp_server):
    count = 2 * outbox.BATCH_SIZE + 50
    _enqueue(count)  # committed: the batches go to the workers' queue
    workers.start(concurrency=1)
    wait_for(
        lambda: len(smtp_server.messages) >= count,
        timeout=60,
        what=f"{count} deliveries",
        workers=workers,
    )
    wait_for(
        lambda: OutboxMessage.objects.filter(status=Status.SENT).count() == count,
        timeout=10,
        what="every message marked sent",
        workers=workers,
    )
    assert smtp_server.count_by_recipient() == {f"person{n}@example.org": 1 for n in range(count)}
    assert smtp_server.connections == 3  # one per batch of BATCH_SIZE
