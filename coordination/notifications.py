"""Notifications when work moves between people (DESIGN §3, §5): minutes to
the chair and back to the secretariat, an action point to its owner, a
quarterly update returned to its partner, a TOR to endorse.

Each notification is a row under the recipient's bell and, unless the
recipient turned email off, a message through the outbox: at once, or in the
weekly digest. A *duty* (something the recipient has to approve or review)
is always emailed at once, whatever the preference.

This module is shared infrastructure: it names no portal app. The apps that
notify register their kinds from their ``AppConfig.ready()``
(``notification_kind_register``) and call ``notify`` after their transaction
commits (``notify_on_commit``); docs/architecture.md "Notifications".
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .models import Notification, NotificationPreference
from .outbox import absolute_url, outbox_enqueue, outbox_purpose_register

Delivery = Notification.Delivery

DIGEST_PURPOSE = "notification.digest"


def purpose_for(kind: str) -> str:
    """The outbox purpose of a kind's immediate email."""
    return f"notification.{kind}"


@dataclass(frozen=True)
class Kind:
    code: str
    label: object  # lazy translation: what the kind is ("Minutes to approve")
    message: object  # lazy translation with %(name)s parameters
    duty: bool


KINDS: dict[str, Kind] = {}


def notification_kind_register(code: str, *, label, message, duty: bool = False) -> None:
    """Declare a kind of notification and its outbox purpose label. ``message``
    is a lazy translation formatted with the notification's parameters; a duty
    is emailed at once whatever the recipient's preference."""
    kind = Kind(code, label, message, duty)
    if KINDS.get(code, kind) != kind:
        raise ValueError(f"notification kind {code!r} is registered twice")
    KINDS[code] = kind
    outbox_purpose_register(purpose_for(code), label)


def register_digest_purpose() -> None:
    outbox_purpose_register(DIGEST_PURPOSE, _("Weekly notification digest"))


def user_preference(user) -> str:
    """The user's choice for notifications that are not duties (accounts keeps it)."""
    return getattr(user, "notification_email", NotificationPreference.IMMEDIATE)


def _language(user) -> str:
    return getattr(user, "language", "") or "en"


def _param(value, language: str):
    # A bilingual parameter is {"en": ..., "ar": ...}: shown in the reader's
    # language, the other one when that is empty (DESIGN §2).
    if isinstance(value, dict):
        other = "ar" if language == "en" else "en"
        return value.get(language) or value.get(other) or ""
    return value


def notification_text(notification: Notification, language: str | None = None) -> str:
    """What the notification says, in ``language`` (default: the active one)."""
    language = (language or translation.get_language() or "en").split("-")[0]
    kind = KINDS.get(notification.kind)
    params = {key: _param(value, language) for key, value in notification.params.items()}
    with translation.override(language):
        if kind is None:
            return notification.kind
        try:
            return str(kind.message) % params
        except (KeyError, ValueError, TypeError):
            return str(kind.label)


def notification_label(notification: Notification) -> str:
    kind = KINDS.get(notification.kind)
    return str(kind.label) if kind else notification.kind


def _email_now(notification: Notification) -> None:
    user = notification.recipient
    language = _language(user)
    outbox_enqueue(
        purpose=purpose_for(notification.kind),
        object_key=notification.object_key,
        recipient_email=user.email,
        recipient_name=user.get_full_name(),
        language=language,
        template="notification",
        context={
            "text": notification_text(notification, language),
            "url": absolute_url(notification.url),
        },
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def notify(*, users: Iterable, kind: str, url: str, context: dict, key: str) -> int:
    """Tell each of ``users`` (active ones, each once) about ``key`` (what it is
    about, e.g. ``minutes:12:submitted:3``); returns how many were new.

    ``url`` is a path in the portal; ``context`` the message's parameters (a
    value may be ``{"en": ..., "ar": ...}``). A second call with the same
    kind and key notifies and emails nobody again.
    """
    spec = KINDS[kind]
    created = 0
    seen = set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        preference = user_preference(user)
        delivery = Delivery.IMMEDIATE if spec.duty else Delivery(preference)
        try:
            with transaction.atomic():
                notification, is_new = Notification.objects.get_or_create(
                    recipient=user,
                    kind=kind,
                    object_key=key,
                    defaults={"url": url, "params": context, "delivery": delivery},
                )
        except IntegrityError:  # a concurrent call stored it first
            continue
        if not is_new:
            continue
        created += 1
        if delivery == Delivery.IMMEDIATE:
            _email_now(notification)
    return created


def notify_on_commit(**kwargs) -> None:
    """``notify`` once the caller's transaction commits: a rolled-back action
    tells nobody. ``users`` is evaluated then (pass a list or a queryset)."""
    transaction.on_commit(functools.partial(notify, **kwargs), robust=True)


# ---------------------------------------------------------------- the bell


# The bell is on every signed-in page, so its count is kept in the shared cache
# (CACHE_URL) rather than counted on each page: counted at sign-in, forgotten when
# one of the user's notifications is stored or deleted, lowered when some are read. The expiry bounds
# how long a count may lag where the cache is not shared between the web and
# the worker processes (the process-memory cache of a developer machine).
UNREAD_COUNT_SECONDS = 300


def _unread_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def notifications_unread_count(user) -> int:
    """The bell's count: the user's unread notifications (no query when cached)."""
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_COUNT_SECONDS)
    return count


def notifications_unread_forget(user_id: int) -> None:
    """Drop the cached count now and again once the transaction commits, so that
    a page counting in between does not keep the count from before the change."""
    key = _unread_key(user_id)
    cache.delete(key)
    transaction.on_commit(functools.partial(cache.delete, key))


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (those in ``ids``, or all)."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    marked = rows.update(read_at=timezone.now())
    if marked:
        _unread_lower(user.pk, marked)
    return marked


def _unread_lower(user_id: int, by: int) -> None:
    """Lower a cached count by what was just read (the page then shows the bell
    without counting again); a count not cached is counted on the next page."""
    key = _unread_key(user_id)
    try:
        left = cache.decr(key, by)
    except ValueError:  # not cached
        return
    if left < 0:
        cache.delete(key)


def _forget_on_change(sender, instance, **kwargs) -> None:
    notifications_unread_forget(instance.recipient_id)


def _count_at_sign_in(sender, request, user, **kwargs) -> None:
    notifications_unread_count(user)


def connect_bell_signals() -> None:
    """From ``CoordinationConfig.ready()``: any stored or deleted notification
    (services, the admin) forgets its recipient's count; a sign-in counts it."""
    from django.contrib.auth.signals import user_logged_in
    from django.db.models.signals import post_delete, post_save

    post_save.connect(_forget_on_change, sender=Notification, dispatch_uid="bell-save")
    post_delete.connect(_forget_on_change, sender=Notification, dispatch_uid="bell-delete")
    user_logged_in.connect(_count_at_sign_in, dispatch_uid="bell-sign-in")


# ---------------------------------------------------------------- weekly digest


def _week(now: dt.datetime) -> str:
    year, week, _day = timezone.localtime(now).isocalendar()
    return f"{year}-W{week:02d}"


def notifications_digest_send(*, now: dt.datetime | None = None) -> int:
    """Email each user who chose the weekly digest the notifications not yet
    emailed, in one message in their language; returns the messages queued.

    Items are claimed under a row lock and marked emailed in the same
    transaction as the message is stored, so a second run (or two at once)
    gathers nothing twice; the object key names the week and the last item.
    """
    now = now or timezone.now()
    pending = Notification.objects.filter(
        delivery=Delivery.DIGEST, emailed_at__isnull=True, created_at__lte=now
    )
    recipients = list(
        pending.order_by("recipient_id").values_list("recipient_id", flat=True).distinct()
    )
    queued = 0
    for recipient_id in recipients:
        with transaction.atomic():
            items = list(
                pending.filter(recipient_id=recipient_id)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient")
                .order_by("created_at", "pk")
            )
            if not items:
                continue
            user = items[0].recipient
            language = _language(user)
            with translation.override(language):
                rows = [
                    {
                        "label": notification_label(item),
                        "text": notification_text(item, language),
                        "url": absolute_url(item.url),
                        "created_at": item.created_at,
                    }
                    for item in items
                ]
            Notification.objects.filter(pk__in=[item.pk for item in items]).update(emailed_at=now)
            if user.is_active:
                outbox_enqueue(
                    purpose=DIGEST_PURPOSE,
                    object_key=f"digest:{_week(now)}:{items[-1].pk}",
                    recipient_email=user.email,
                    recipient_name=user.get_full_name(),
                    language=language,
                    template="notification_digest",
                    context={"rows": rows},
                )
                queued += 1
    return queued
