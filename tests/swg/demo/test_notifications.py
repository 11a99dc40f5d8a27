"""Each demo login finds notifications under its bell, read and unread, stored
through the notification service (swg/demo/notifications.py)."""

import pytest
from django.core.management import call_command

from accounts.models import User
from coordination.models import Notification
from coordination.notifications import KINDS, notification_text
from swg.demo.world import DEMO_LOGINS

pytestmark = pytest.mark.django_db


def test_every_demo_login_has_read_and_unread_notifications(client):
    call_command("load_demo")
    for _label, email in DEMO_LOGINS:
        user = User.objects.get(email=email)
        mine = Notification.objects.filter(recipient=user)
        assert mine.filter(read_at__isnull=True).exists(), email
        assert mine.filter(read_at__isnull=False).exists(), email
        for notification in mine:
            assert notification.kind in KINDS
            assert "%(" not in notification_text(notification, "en")
    client.force_login(User.objects.get(email="partner@demo.ly"))
    assert 'data-testid="bell-count"' in client.get("/").text


def test_a_second_load_adds_none():
    call_command("load_demo")
    count = Notification.objects.count()
    call_command("load_demo")
    assert Notification.objects.count() == count
