"""The one way the portal sends email (DESIGN §3 "Sent messages", §5).

``outbox_enqueue`` renders a message in the recipient's language and stores it
under a unique (purpose, recipient, object key); the send task is queued only
after the surrounding transaction commits. ``outbox_send`` claims the row with a
conditional UPDATE before it talks to SMTP, so the same message is never sent
twice by two tasks. A worker that dies mid-send leaves the row "sending"; the
sweeper puts rows that stayed there too long back in the queue (the SMTP
conversation of a killed worker never completed, so nothing was delivered).
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutboxMessage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
STALE_SENDING_AFTER = dt.timedelta(minutes=10)


def outbox_enqueue(
    *,
    purpose: str,
    object_key: str,
    recipient_email: str,
    template: str,
    context: dict,
    recipient_name: str = "",
    language: str = "en",
    swg=None,
    attachments: list[dict] | None = None,
) -> tuple[OutboxMessage, bool]:
    """Store one message and queue its sending; returns (message, created).

    ``template`` names ``templates/emails/<template>.subject.txt``, ``.txt`` and
    ``.html``; they are rendered in ``language``. ``attachments`` are dicts with
    ``filename``, ``mimetype`` and ``content`` (text) or ``content_b64`` (bytes).
    A message already in the outbox for the same purpose, recipient and object
    is returned unchanged.
    """
    email = recipient_email.strip().lower()
    existing = OutboxMessage.objects.filter(
        purpose=purpose, recipient_email=email, object_key=object_key
    ).first()
    if existing is not None:
        return existing, False
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    context = {**context, "recipient_name": recipient_name, "site_url": settings.SITE_URL}
    with translation.override(language):
        context["rtl"] = language in settings.LANGUAGES_RTL
        context["lang_code"] = language
        subject = " ".join(render_to_string(f"emails/{template}.subject.txt", context).split())
        body_text = render_to_string(f"emails/{template}.txt", context)
        body_html = render_to_string(f"emails/{template}.html", context)
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                purpose=purpose,
                object_key=object_key,
                recipient_email=email,
                recipient_name=recipient_name,
                language=language,
                swg=swg,
                subject=subject[:255],
                body_text=body_text,
                body_html=body_html,
                attachments=attachments or [],
            )
    except IntegrityError:
        # A concurrent request enqueued the same message first: keep theirs.
        return OutboxMessage.objects.get(
            purpose=purpose, recipient_email=email, object_key=object_key
        ), False
    transaction.on_commit(lambda: _queue(message.pk))
    return message, True


def _queue(message_id: int) -> None:
    from .tasks import outbox_send_task

    outbox_send_task.delay(message_id)


def outbox_claim(*, message_id: int) -> OutboxMessage | None:
    """Atomically take a queued (or failed, retryable) message for sending."""
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.QUEUED)
        | Q(status=OutboxMessage.Status.FAILED, attempts__lt=MAX_ATTEMPTS),
        pk=message_id,
    ).update(status=OutboxMessage.Status.SENDING, claimed_at=now)
    if not claimed:
        return None
    return OutboxMessage.objects.get(pk=message_id)


def _build_email(message: OutboxMessage, connection) -> EmailMultiAlternatives:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "localhost"
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[
            f"{message.recipient_name} <{message.recipient_email}>"
            if message.recipient_name
            else message.recipient_email
        ],
        connection=connection,
        headers={
            # Stable per outbox row: a receiver can de-duplicate on it.
            "Message-ID": make_msgid(idstring=f"outbox-{message.pk}", domain=domain),
            "Content-Language": message.language,
            "X-SWG-Purpose": message.purpose,
        },
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments:
        if "content_b64" in attachment:
            content = base64.b64decode(attachment["content_b64"])
        else:
            content = attachment["content"]
        email.attach(attachment["filename"], content, attachment["mimetype"])
    return email


def outbox_send(*, message_id: int) -> str:
    """Send one message if nobody else has; returns the resulting status.

    Raises the SMTP error after recording it, so the Celery task can retry.
    """
    message = outbox_claim(message_id=message_id)
    if message is None:
        return OutboxMessage.objects.filter(pk=message_id).values_list("status", flat=True).first()
    try:
        with get_connection() as connection:
            _build_email(message, connection).send()
    except Exception as exc:
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxMessage.Status.FAILED,
            attempts=message.attempts + 1,
            last_error=f"{exc.__class__.__name__}: {exc}"[:2000],
        )
        log.warning("outbox message %s failed: %s", message.pk, exc)
        raise
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENT,
        attempts=message.attempts + 1,
        sent_at=timezone.now(),
        last_error="",
    )
    return OutboxMessage.Status.SENT


def outbox_requeue_stale(*, older_than: dt.timedelta = STALE_SENDING_AFTER) -> list[int]:
    """Messages whose worker died mid-send go back to the queue."""
    cutoff = timezone.now() - older_than
    stale = list(
        OutboxMessage.objects.filter(
            status=OutboxMessage.Status.SENDING, claimed_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    if stale:
        OutboxMessage.objects.filter(pk__in=stale, status=OutboxMessage.Status.SENDING).update(
            status=OutboxMessage.Status.QUEUED
        )
    for pk in stale:
        transaction.on_commit(lambda pk=pk: _queue(pk))
    return stale
