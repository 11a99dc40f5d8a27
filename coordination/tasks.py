import smtplib

from celery import shared_task
from django.utils import timezone

from . import outbox
from .models import Heartbeat


@shared_task
def heartbeat():
    Heartbeat.objects.update_or_create(name="beat", defaults={"seen_at": timezone.now()})


@shared_task(
    bind=True,
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=outbox.MAX_ATTEMPTS,
    acks_late=True,
)
def outbox_send_task(self, message_id: int) -> str:
    return outbox.outbox_send(message_id=message_id)


@shared_task
def outbox_sweep() -> int:
    """Requeue messages left "sending" by a worker that died (DESIGN §5)."""
    return len(outbox.outbox_requeue_stale())
