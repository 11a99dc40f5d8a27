"""Private calendar feed addresses (DESIGN §3 "Monthly schedule": each user
may subscribe to the meetings they may see from Outlook or Google Calendar)."""

import secrets

from django.db import transaction
from django.utils import timezone

from ..models import CalendarToken


@transaction.atomic
def calendar_token_create(*, user) -> CalendarToken:
    """A new private feed address; the previous one stops working, so a
    leaked address is dealt with by making a new one."""
    calendar_token_revoke_all(user=user)
    return CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))


def calendar_token_revoke_all(*, user) -> int:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def calendar_token_revoke(*, token: CalendarToken) -> CalendarToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
