"""Password reset by email, through the outbox (DESIGN §3 "Sent messages").

The request does the same work whatever the address (two throttle counters and
one task queued), so neither its answer nor its time tells whether an account
uses it; the worker looks the address up and queues the email.
"""

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from coordination.emails import normalize_email
from coordination.history import history_attribute
from coordination.models import NotificationPreference, OutboxMessage
from coordination.outbox import absolute_url, outbox_enqueue
from coordination.throttle import throttle_allow

from .models import User

log = logging.getLogger(__name__)

PURPOSE = "password_reset"
# A second request for the same account within this time is a double submit.
SAME_REQUEST_WITHIN = dt.timedelta(minutes=1)


def password_reset_request(*, email: str, client_ip: str | None) -> None:
    """Ask for a reset link for the account that uses ``email``, if any.

    Raises ValidationError (code "throttled") past PASSWORD_RESET_LIMIT_PER_EMAIL
    requests for one address, or PASSWORD_RESET_LIMIT_PER_CLIENT from one client
    address, within PASSWORD_RESET_LIMIT_WINDOW seconds.
    """
    email = normalize_email(email)
    window = settings.PASSWORD_RESET_LIMIT_WINDOW
    # Both counters count every request, so that the work is the same either way.
    address_ok = throttle_allow(
        scope="password-reset-email",
        key=email,
        limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
        window_seconds=window,
    )
    client_ok = throttle_allow(
        scope="password-reset-client",
        key=client_ip or "unknown",
        limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT,
        window_seconds=window,
    )
    if not (address_ok and client_ok):
        raise ValidationError(
            _("Too many password reset requests. Please wait an hour and try again."),
            code="throttled",
        )
    transaction.on_commit(lambda: _queue_send(email), robust=True)


def _queue_send(email: str) -> None:
    from .tasks import password_reset_send_task

    try:
        password_reset_send_task.delay(email)
    except Exception:
        # Broker down: rather than lose the request, do the worker's part here;
        # the outbox keeps the email until the broker is back.
        log.warning("password reset: broker unreachable, queueing in the request", exc_info=True)
        password_reset_send(email=email)


def password_reset_send(*, email: str) -> OutboxMessage | None:
    """Queue a reset link to the active account using ``email`` (the worker's
    part); None when there is none, or when it was sent one a moment ago."""
    with transaction.atomic():
        # The row lock makes two submits of the same form queue one email.
        user = (
            User.objects.select_for_update()
            .filter(email=normalize_email(email), is_active=True)
            .first()
        )
        if user is None or not user.has_usable_password():
            return None
        key_prefix = f"user:{user.pk}:"
        if OutboxMessage.objects.filter(
            purpose=PURPOSE,
            object_key__startswith=key_prefix,
            created_at__gte=timezone.now() - SAME_REQUEST_WITHIN,
        ).exists():
            return None
        token = default_token_generator.make_token(user)
        path = reverse(
            "password_reset_confirm",
            kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": token},
        )
        message, _created = outbox_enqueue(
            purpose=PURPOSE,
            # The token itself stays out of the list of sent messages.
            object_key=key_prefix + hashlib.sha256(token.encode()).hexdigest()[:16],
            recipient_email=user.email,
            recipient_name=user.full_name,
            language=user.language,
            template="password_reset",
            context={
                "reset_url": absolute_url(path),
                "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            },
        )
    return message


@transaction.atomic
def user_notification_preference_set(*, user: User, value: str, by=None) -> User:
    """How notifications that are not duties reach ``user`` by email
    (coordination/notifications.py); the change is kept in the user's history."""
    if value not in NotificationPreference.values:
        raise ValidationError({"notification_email": _("Choose how to receive notifications.")})
    user = User.objects.select_for_update().get(pk=user.pk)
    user.notification_email = value
    history_attribute(user, by=by or user).save(update_fields=["notification_email"])
    return user
