import smtplib

from celery import shared_task
from django.conf import settings

from . import backup, health, notifications, outbox


@shared_task(ignore_result=True)
def heartbeat():
    """Beat sends it every minute (and records its own heartbeat as it does);
    the worker that runs it records the worker's (coordination/health.py)."""
    health.heartbeat_record(name=health.WORKER)


@shared_task(
    bind=True,
    # outbox_send re-raises only the errors worth another attempt (it has
    # recorded them on the message first); the claim makes a rerun harmless.
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=outbox.MAX_ATTEMPTS,
    acks_late=True,
)
def outbox_send_task(self, message_id: int, again: bool = False) -> str:
    # A first run takes only a queued message, so a duplicate of it cannot
    # spend the retries of a failed one; the retries take the failed message
    # (``again``: a batch's message that failed, sent on alone).
    return outbox.outbox_send(message_id=message_id, retry=again or self.request.retries > 0)


@shared_task(ignore_result=True, acks_late=True)
def outbox_send_batch_task(message_ids: list[int]) -> dict[str, int]:
    """A fan-out's messages over one SMTP connection (``outbox_send_batch``);
    each message's failures are recorded and retried on their own."""
    return outbox.outbox_send_batch(message_ids=message_ids)


@shared_task
def outbox_sweep() -> int:
    """Recover messages of dead workers, lost tasks and a broker that was down
    (DESIGN §5); beat runs it every minute."""
    return len(outbox.outbox_requeue_stale())


@shared_task(acks_late=False)
def backup_task() -> str | None:
    """The nightly backup and pruning (beat); BACKUP_SCHEDULE_ENABLED=off skips it.
    Not redelivered if a worker dies: the next night makes a fresh one."""
    if not settings.BACKUP_SCHEDULE_ENABLED:
        return None
    archive = backup.backup_create(directory=settings.BACKUP_DIR)
    backup.backup_prune(
        directory=settings.BACKUP_DIR,
        retention_days=settings.BACKUP_RETENTION_DAYS,
        keep_at_least=settings.BACKUP_KEEP_AT_LEAST,
    )
    return str(archive)


@shared_task
def notifications_digest_task() -> int:
    """Beat runs it weekly: each digest reader gets the week's notifications
    once (coordination/notifications.py)."""
    return notifications.notifications_digest_send()
