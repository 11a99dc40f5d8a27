"""Notifications (coordination/notifications.py): once per recipient and event,
in the recipient's language, by email as each user chose, duties always; the
weekly digest gathers a week's items once."""

import datetime as dt

import pytest
import time_machine
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coordination import notifications
from coordination.models import Notification, NotificationPreference, OutboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEST_KIND = "test.moved"
TEST_DUTY = "test.duty"


@pytest.fixture(autouse=True)
def _kinds():
    # Texts with an Arabic translation already, so the language shows.
    notifications.notification_kind_register(
        TEST_KIND, label=_("Monthly schedule"), message=_("Monthly schedule"), duty=False
    )
    notifications.notification_kind_register(
        TEST_DUTY, label=_("Sent messages"), message=_("Sent messages"), duty=True
    )
    yield
    for code in (TEST_KIND, TEST_DUTY):
        notifications.KINDS.pop(code, None)


def _notify(users, *, kind=TEST_KIND, key="thing:1"):
    return notifications.notify(users=users, kind=kind, url="/swg/", context={}, key=key)


def test_it_notifies_each_person_once_and_emails_them_once():
    user = UserFactory(email="one@example.org")
    assert _notify([user, user]) == 1
    assert _notify([user]) == 0
    assert Notification.objects.filter(recipient=user).count() == 1
    message = OutboxMessage.objects.get()
    assert message.recipient_email == "one@example.org"
    assert message.purpose == "notification.test.moved"
    assert "http" in message.body_text and "/swg/" in message.body_text


def test_the_email_is_in_the_recipients_language():
    arabic = UserFactory(email="ar@example.org", language="ar")
    english = UserFactory(email="en@example.org", language="en")
    _notify([arabic, english], kind=TEST_DUTY)
    assert OutboxMessage.objects.get(recipient_email="ar@example.org").language == "ar"
    subject_ar = OutboxMessage.objects.get(recipient_email="ar@example.org").subject
    subject_en = OutboxMessage.objects.get(recipient_email="en@example.org").subject
    assert subject_en == "Sent messages"
    assert subject_ar == "الرسائل المرسلة"


def test_email_off_keeps_the_portal_item_but_sends_nothing():
    user = UserFactory(notification_email=NotificationPreference.OFF)
    _notify([user])
    assert Notification.objects.get(recipient=user).delivery == "off"
    assert not OutboxMessage.objects.exists()


def test_a_duty_is_emailed_whatever_the_preference():
    user = UserFactory(notification_email=NotificationPreference.OFF)
    _notify([user], kind=TEST_DUTY)
    assert OutboxMessage.objects.get().recipient_email == user.email


def test_inactive_users_are_not_notified():
    user = UserFactory(is_active=False)
    assert _notify([user]) == 0


def test_nothing_is_notified_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifications.notify_on_commit(
            users=[user], kind=TEST_KIND, url="/", context={}, key="thing:2"
        )
    assert len(callbacks) == 1
    assert not Notification.objects.exists()


def test_the_weekly_digest_gathers_a_weeks_items_once():
    reader = UserFactory(
        email="digest@example.org", language="ar", notification_email=NotificationPreference.DIGEST
    )
    with time_machine.travel(dt.datetime(2026, 11, 16, 9, tzinfo=dt.UTC), tick=False):
        _notify([reader], key="thing:1")
    with time_machine.travel(dt.datetime(2026, 11, 19, 9, tzinfo=dt.UTC), tick=False):
        _notify([reader], key="thing:2")
    assert not OutboxMessage.objects.exists()  # nothing at once
    with time_machine.travel(dt.datetime(2026, 11, 22, 6, tzinfo=dt.UTC), tick=False):
        assert notifications.notifications_digest_send() == 1
        assert notifications.notifications_digest_send() == 0  # run twice: nothing more
    digest = OutboxMessage.objects.get()
    assert digest.purpose == notifications.DIGEST_PURPOSE
    assert digest.recipient_email == "digest@example.org"
    assert digest.language == "ar"
    assert digest.body_text.count("/swg/") == 2
    # The next week's digest carries only the next week's items.
    with time_machine.travel(dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC), tick=False):
        _notify([reader], key="thing:3")
    with time_machine.travel(dt.datetime(2026, 11, 29, 6, tzinfo=dt.UTC), tick=False):
        assert notifications.notifications_digest_send() == 1
    second = OutboxMessage.objects.exclude(pk=digest.pk).get()
    assert second.body_text.count("/swg/") == 1


def test_immediate_and_off_readers_get_no_digest():
    UserFactory(notification_email=NotificationPreference.OFF)
    immediate = UserFactory()
    for user in [*UserFactory._meta.model.objects.all()]:
        _notify([user])
    before = OutboxMessage.objects.count()
    assert notifications.notifications_digest_send() == 0
    assert OutboxMessage.objects.count() == before == 1
    assert OutboxMessage.objects.get().recipient_email == immediate.email


def test_the_text_follows_the_readers_language():
    user = UserFactory()
    notifications.notification_kind_register(
        "test.params",
        label=_("Monthly schedule"),
        message=format_lazy("{} %(name)s", _("Monthly schedule")),
    )
    try:
        notifications.notify(
            users=[user],
            kind="test.params",
            url="/",
            context={"name": {"en": "Health", "ar": "الصحة"}},
            key="x",
        )
        item = Notification.objects.get()
        assert notifications.notification_text(item, "en") == "Monthly schedule Health"
        assert notifications.notification_text(item, "ar") == "الجدول الشهري الصحة"
        assert notifications._param({"en": "", "ar": "الصحة"}, "en") == "الصحة"
    finally:
        notifications.KINDS.pop("test.params", None)


def test_a_kind_registered_twice_differently_is_refused():
    with pytest.raises(ValueError):
        notifications.notification_kind_register(
            TEST_KIND, label=_("Other"), message=_("Other"), duty=True
        )
