"""The outbox: stored once, queued after commit, sent at most once, retried,
in the recipient's language, visible to the secretariat (DESIGN §3, §5)."""

import base64
import copy
import datetime as dt
import smtplib
from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

import tests
from coordination import outbox
from coordination.models import OutboxMessage
from coordination.tasks import outbox_send_task

TEMPLATES_DIR = Path(tests.__file__).parent / "templates"


Status = OutboxMessage.Status


@pytest.fixture(autouse=True)
def _test_email_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_DIR]
    settings.TEMPLATES = templates


def _enqueue(**overrides):
    fields = {
        "purpose": "test",
        "object_key": "meeting:1",
        "recipient_email": "amina@who.example",
        "recipient_name": "Amina Haddad",
        "template": "outbox_test",
        "context": {"title": "Health SWG"},
    }
    return outbox.outbox_enqueue(**{**fields, **overrides})


def _message(**overrides) -> OutboxMessage:
    return _enqueue(**overrides)[0]


def test_it_stores_a_message_once(db):
    first, created = _enqueue()
    again, created_again = _enqueue(recipient_email=" Amina@WHO.example ")

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert OutboxMessage.objects.count() == 1


def test_it_stores_one_message_per_purpose_and_object(db):
    _enqueue()
    _enqueue(object_key="meeting:2")
    _enqueue(purpose="reminder")

    assert OutboxMessage.objects.count() == 3


def test_it_queues_the_send_only_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        message = _message()
        assert mail.outbox == []

    assert len(callbacks) == 1
    callbacks[0]()
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert [m.to for m in mail.outbox] == [["Amina Haddad <amina@who.example>"]]


def test_it_queues_nothing_when_the_transaction_rolls_back(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            _enqueue()
            raise RuntimeError("the request failed")

    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_it_keeps_the_message_when_the_broker_is_down(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down(message_id):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(outbox, "_queue", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        message = _message()  # no exception reaches the request

    message.refresh_from_db()
    assert message.status == Status.QUEUED


def test_it_renders_in_the_recipients_language(db):
    arabic = _message(language="ar")
    english = _message(recipient_email="marco@eud.example", language="en")

    assert arabic.language == "ar"
    assert '<html lang="ar" dir="rtl">' in arabic.body_html
    assert "بوابة تنسيق مجموعات العمل القطاعية" in arabic.body_html  # the Arabic layout
    assert '<html lang="en" dir="ltr">' in english.body_html
    assert "SWG Coordination Portal" in english.body_text


def test_it_uses_the_default_language_for_an_unknown_one(db):
    assert _message(language="fr").language == "en"
    assert _message(recipient_email="x@example.org", language="ar-LY").language == "ar"


def test_it_does_not_escape_the_text_part(db):
    message = _message(context={"title": "R&D <Health>"})

    assert message.subject == "Meeting: R&D <Health>"
    assert "R&D <Health>" in message.body_text
    assert "R&amp;D &lt;Health&gt;" in message.body_html


def test_it_delivers_html_text_and_attachments_over_smtp(db, smtp_server):
    ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    message = _message(
        language="ar",
        recipient_name="أمينة حداد",
        attachments=[
            {"filename": "invite.ics", "mimetype": "text/calendar", "content": ics},
            {
                "filename": "agenda.pdf",
                "mimetype": "application/pdf",
                "content_b64": base64.b64encode(b"%PDF-1.7 agenda").decode(),
            },
        ],
    )

    assert outbox.outbox_send(message_id=message.pk) == Status.SENT

    (received,) = smtp_server.wait_for(1)
    assert received.rcpt_tos == ["amina@who.example"]
    assert received.subject == message.subject
    assert "أمينة حداد" in received.header("To")
    assert received.header("Content-Language") == "ar"
    assert received.header("Auto-Submitted") == "auto-generated"
    assert "Health SWG" in received.text
    assert '<html lang="ar" dir="rtl">' in received.html
    assert [(a.filename, a.content_type) for a in received.attachments] == [
        ("invite.ics", "text/calendar"),
        ("agenda.pdf", "application/pdf"),
    ]
    assert received.attachments[1].content == b"%PDF-1.7 agenda"
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 1, "")
    assert message.sent_at is not None


def test_it_renders_an_attachment_in_the_message_language_when_sending(
    db, smtp_server, monkeypatch
):
    calls = []

    def render(*, params, language):
        calls.append((params, language))
        return f"%PDF-1.7 minutes {params['minutes_id']} in {language}".encode()

    monkeypatch.setitem(outbox._ATTACHMENT_RENDERERS, "test.minutes", render)
    message = _message(
        language="ar",
        attachments=[
            {
                "filename": "minutes-ar.pdf",
                "mimetype": "application/pdf",
                "render": "test.minutes",
                "params": {"minutes_id": 7},
            }
        ],
    )
    assert calls == []  # not in the request that enqueued it

    assert outbox.outbox_send(message_id=message.pk) == Status.SENT

    (received,) = smtp_server.wait_for(1)
    (attachment,) = received.attachments
    assert (attachment.filename, attachment.content_type) == ("minutes-ar.pdf", "application/pdf")
    assert attachment.content == b"%PDF-1.7 minutes 7 in ar"
    assert calls == [({"minutes_id": 7}, "ar")]


def test_it_refuses_a_second_renderer_under_the_same_name(monkeypatch):
    monkeypatch.setattr(outbox, "_ATTACHMENT_RENDERERS", {})
    first = lambda **kw: b""  # noqa: E731
    outbox.attachment_renderer_register("test.same", first)
    outbox.attachment_renderer_register("test.same", first)  # the same one again: fine
    with pytest.raises(ValueError):
        outbox.attachment_renderer_register("test.same", lambda **kw: b"")


def test_it_sends_a_sent_message_no_more(db, smtp_server):
    message = _message()

    assert outbox.outbox_send(message_id=message.pk) == Status.SENT
    assert outbox.outbox_send(message_id=message.pk) == Status.SENT
    assert outbox.outbox_send(message_id=message.pk, retry=True) == Status.SENT

    assert len(smtp_server.messages) == 1
    assert OutboxMessage.objects.get(pk=message.pk).attempts == 1


def test_it_lets_only_one_claim_win(db):
    message = _message()

    assert outbox.outbox_claim(message_id=message.pk) is not None
    assert outbox.outbox_claim(message_id=message.pk) is None
    assert outbox.outbox_claim(message_id=message.pk, retry=True) is None


def test_it_records_a_refusal_and_delivers_on_the_retry(db, smtp_server):
    message = _message()
    smtp_server.fail_next(1, code=451)

    with pytest.raises(smtplib.SMTPDataError):
        outbox.outbox_send(message_id=message.pk)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 1)
    assert message.last_error.startswith("451 4.3.0")
    assert smtp_server.messages == []

    # A duplicate of the first run does not take the failed message ...
    assert outbox.outbox_send(message_id=message.pk) == Status.FAILED
    # ... the scheduled retry does.
    assert outbox.outbox_send(message_id=message.pk, retry=True) == Status.SENT
    assert outbox.outbox_send(message_id=message.pk, retry=True) == Status.SENT

    assert len(smtp_server.messages) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 2, "")


@pytest.fixture
def eager_retries(monkeypatch):
    """Eager tasks that retry as a worker would, instead of raising ``Retry``."""
    from coordination.celery import app

    monkeypatch.setattr(app.conf, "task_eager_propagates", False)


def test_the_task_retries_until_the_server_accepts(db, smtp_server, eager_retries):
    message = _message()
    smtp_server.fail_next(2, code=421, text="4.7.0 Too busy")

    outbox_send_task.delay(message.pk)  # eager: the retries run at once

    assert len(smtp_server.messages) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 3)


def test_the_task_backs_off_between_retries():
    assert set(outbox_send_task.autoretry_for) == {OSError, smtplib.SMTPException}
    assert outbox_send_task.retry_backoff == 30 and outbox_send_task.retry_jitter
    assert outbox_send_task.max_retries >= outbox.MAX_ATTEMPTS - 1


def test_it_gives_up_after_the_last_attempt(db, smtp_server, eager_retries):
    message = _message()
    smtp_server.fail_next(outbox.MAX_ATTEMPTS + 3, code=451)

    assert outbox_send_task.delay(message.pk).get() == Status.FAILED
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, outbox.MAX_ATTEMPTS)
    assert "451" in message.last_error
    assert smtp_server.rejected == outbox.MAX_ATTEMPTS
    assert outbox.outbox_claim(message_id=message.pk, retry=True) is None


def test_it_does_not_retry_a_permanent_refusal(db, smtp_server):
    message = _message()
    smtp_server.fail_next(1, code=550, text="5.1.1 No such user", stage="rcpt")

    assert outbox_send_task.delay(message.pk).get() == Status.FAILED

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 1)
    assert "550 5.1.1 No such user" in message.last_error
    assert smtp_server.rejected == 1


def test_it_retries_when_the_server_is_unreachable(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens
    message = _message()

    with pytest.raises(OSError):
        outbox.outbox_send(message_id=message.pk)

    message.refresh_from_db()
    assert (message.status, message.attempts, message.sent_at) == (Status.FAILED, 1, None)
    assert "ConnectionRefusedError" in message.last_error


def test_it_never_resends_when_the_connection_drops_after_the_content(db, smtp_server, settings):
    # The server has the message but the reply never comes: it may be delivered.
    settings.EMAIL_TIMEOUT = 0.5
    smtp_server.delay_data = 5
    message = _message()

    assert outbox.outbox_send(message_id=message.pk) == Status.FAILED

    message.refresh_from_db()
    assert message.status == Status.FAILED and message.sent_at is not None
    assert message.last_error.startswith(outbox.UNCERTAIN_DELIVERY)
    assert outbox.outbox_claim(message_id=message.pk, retry=True) is None
    assert outbox.outbox_requeue_stale(older_than=dt.timedelta(0)) == []
    assert len(smtp_server.messages) == 1


def test_it_requeues_a_message_whose_worker_died_before_sending(
    db, smtp_server, django_capture_on_commit_callbacks
):
    message = _message()
    outbox.outbox_claim(message_id=message.pk)  # ... and the worker is killed

    assert outbox.outbox_requeue_stale() == []  # not stale yet
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.outbox_requeue_stale(older_than=dt.timedelta(0)) == [message.pk]

    assert OutboxMessage.objects.get(pk=message.pk).status == Status.SENT
    assert len(smtp_server.messages) == 1


def test_it_fails_a_message_whose_worker_died_while_handing_it_over(
    db, django_capture_on_commit_callbacks
):
    message = _message()
    outbox.outbox_claim(message_id=message.pk)
    OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now())  # DATA began

    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.outbox_requeue_stale(older_than=dt.timedelta(0)) == []

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 1)
    assert message.last_error == outbox.UNCERTAIN_DELIVERY
    assert mail.outbox == []


def test_it_queues_again_a_message_whose_task_was_lost(db, django_capture_on_commit_callbacks):
    message = _message()  # the on-commit queueing never happened
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.outbox_requeue_stale() == [message.pk]
        assert outbox.outbox_requeue_stale() == []  # not again right away

    assert OutboxMessage.objects.get(pk=message.pk).status == Status.SENT
    assert len(mail.outbox) == 1


def test_the_worker_that_lost_its_claim_sends_nothing(db, smtp_server):
    message = _message()
    stale = outbox.outbox_claim(message_id=message.pk)
    outbox.outbox_requeue_stale(older_than=dt.timedelta(0))  # thought dead ...
    assert outbox.outbox_send(message_id=message.pk) == Status.SENT  # ... another sends

    # The first worker wakes up: its claim token no longer matches.
    mine = OutboxMessage.objects.filter(pk=message.pk, claimed_at=stale.claimed_at)
    assert not mine.exists()
    assert len(smtp_server.messages) == 1
