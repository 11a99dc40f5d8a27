"""The worker's part of a password reset, and the request's when the broker is down."""

import re

from kombu.exceptions import OperationalError

from accounts import services, tasks
from coordination.models import OutboxMessage


def test_it_queues_nothing_for_an_inactive_account(world):
    world.partner_a.is_active = False
    world.partner_a.save()

    assert services.password_reset_send(email="partner.a@example.org") is None
    assert not OutboxMessage.objects.exists()


def test_it_keeps_the_token_out_of_the_message_key(world):
    # The key is listed under "Sent messages"; the link would open the account.
    message = services.password_reset_send(email="partner.a@example.org")

    token = re.search(r"/accounts/password/reset/[^/]+/([^/]+)/", message.body_text).group(1)
    assert message.object_key.startswith(f"user:{world.partner_a.pk}:")
    assert token not in message.object_key


def test_it_queues_the_email_itself_when_the_broker_is_down(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(tasks.password_reset_send_task, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.password_reset_request(email="partner.a@example.org", client_ip="192.0.2.1")
    callbacks[0]()

    assert OutboxMessage.objects.filter(
        purpose="password_reset", recipient_email="partner.a@example.org"
    ).exists()
