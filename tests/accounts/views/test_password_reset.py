"""Password reset: one answer in one time for any address, mailed through the
outbox in the user's language, throttled per address and per client."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.models import OutboxMessage

RESET = "/accounts/password/reset/"
NEW_PASSWORD = "a-new-long-passphrase-2025"


def _ask(client, email, **headers):
    return client.post(RESET, {"email": email}, **headers)


def _link(body: str) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/accounts/password/reset/\S+/\S+/)", body).group(1)


def test_it_mails_a_link_through_the_outbox_that_sets_a_new_password(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, "Partner.A@Example.org ")

    assert response["Location"] == "/accounts/password/reset/sent/"
    (message,) = OutboxMessage.objects.filter(purpose="password_reset")
    assert (message.recipient_email, message.status) == ("partner.a@example.org", "sent")
    assert [m.to for m in mail.outbox] == [[f"{world.partner_a.full_name} <partner.a@example.org>"]]
    form_url = client.get(_link(mail.outbox[0].body))["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/accounts/password/reset/done/"
    login = {"username": "partner.a@example.org", "password": NEW_PASSWORD}
    assert client.post("/accounts/login/", login).status_code == 302


def test_it_mails_the_link_in_the_users_language(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "chair@example.org")  # the chair reads Arabic

    (email,) = mail.outbox
    assert email.extra_headers["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in email.alternatives[0][0]


def test_it_sends_a_double_submit_once(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "partner.a@example.org")
        _ask(client, "partner.a@example.org")

    assert len(mail.outbox) == 1


def _request_work(client, email, django_capture_on_commit_callbacks):
    """What answering the form costs the request itself (the worker's part aside)."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with CaptureQueriesContext(connection) as queries:
            response = _ask(client, email)
    return response, [q["sql"] for q in queries.captured_queries], len(callbacks)


def test_it_does_the_same_work_for_a_known_and_an_unknown_address(
    client, world, django_capture_on_commit_callbacks
):
    known, known_sql, known_tasks = _request_work(
        client, "partner.a@example.org", django_capture_on_commit_callbacks
    )
    unknown, unknown_sql, unknown_tasks = _request_work(
        client, "nobody@example.org", django_capture_on_commit_callbacks
    )

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known_sql == unknown_sql
    assert not any("accounts_user" in sql for sql in known_sql)
    assert known_tasks == unknown_tasks == 1


def test_it_sends_nothing_to_an_unknown_address(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, "nobody@example.org")

    assert response.status_code == 302
    assert mail.outbox == []
    assert not OutboxMessage.objects.exists()


def test_it_throttles_requests_for_one_address(client, world, settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 3
    for n in range(3):
        assert _ask(client, "partner.a@example.org", REMOTE_ADDR=f"192.0.2.{n}").status_code == 302

    response = _ask(client, "PARTNER.A@example.org", REMOTE_ADDR="192.0.2.99")

    assert response.status_code == 429
    assert "Too many password reset requests" in response.content.decode()
    assert _ask(client, "partner.b@example.org", REMOTE_ADDR="192.0.2.99").status_code == 302


def test_it_throttles_requests_from_one_client(client, world, settings):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 10
    for n in range(10):
        assert _ask(client, f"someone{n}@example.org").status_code == 302

    assert _ask(client, "partner.a@example.org").status_code == 429
    assert _ask(client, "partner.a@example.org", REMOTE_ADDR="192.0.2.7").status_code == 302


def test_it_keeps_the_mail_while_the_mail_server_is_down(
    client, world, settings, django_capture_on_commit_callbacks, smtp_server
):
    port = smtp_server.port
    settings.EMAIL_PORT = 1  # nothing listens: the server is down
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, "partner.a@example.org")

    assert response["Location"] == "/accounts/password/reset/sent/"
    message = OutboxMessage.objects.get(purpose="password_reset")
    assert (message.status, message.sent_at) == ("failed", None)
    assert "ConnectionRefusedError" in message.last_error

    settings.EMAIL_PORT = port  # the server is back; the task's retry runs
    from coordination.tasks import outbox_send_task

    outbox_send_task.apply(args=[message.pk], retries=1)

    (received,) = smtp_server.wait_for(1)
    assert received.rcpt_tos == ["partner.a@example.org"]
    assert "/accounts/password/reset/" in received.text


@pytest.mark.parametrize("email", ["", "not-an-address"])
def test_it_asks_again_for_a_malformed_address(client, db, email):
    response = _ask(client, email)
    assert response.status_code == 400
