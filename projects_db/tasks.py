"""Celery tasks of the project database: thin shells around services (DESIGN §5)."""

import datetime as dt
from zoneinfo import ZoneInfo

from celery import shared_task
from django.utils import timezone

from .services import reminders

TRIPOLI = ZoneInfo("Africa/Tripoli")


@shared_task(name="projects_db.tasks.quarterly_reminders_task")
def quarterly_reminders_task(today: str | None = None) -> int:
    """Beat runs this every morning; ``today`` (ISO date, Tripoli) is for tests
    and reruns. The outbox makes a second run on the same day send nothing."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate(timezone=TRIPOLI)
    return reminders.quarterly_reminders_send(today=day)
