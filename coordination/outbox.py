"""The one way the portal sends email (DESIGN §3 "Sent messages", §5).

``outbox_enqueue`` renders a message in the recipient's language and stores it
under a unique (purpose, recipient, object key), so a job or a request that runs
twice stores it once; the send task is queued only after the surrounding
transaction commits.

How a message is sent at most once:

- ``outbox_claim`` moves the row to "sending" with one conditional UPDATE, so
  of two tasks for the same message exactly one gets it; the claim time is the
  claim's token, and every later write is conditional on it.
- Just before the message content goes to the SMTP server (the DATA command)
  the row records ``sent_at``: the point of no return. Until then a dead worker
  has delivered nothing and the sweeper safely puts the message back in the
  queue. After it the server may have accepted the message even if the worker
  never heard the reply, so such a message is marked failed with that reason
  and is never resent automatically; the secretariat decides (``outbox_retry``).
- SMTP errors before that point, or a refusal the server did answer, are
  retried by the Celery task with backoff, ``MAX_ATTEMPTS`` attempts in all;
  a permanent refusal (5xx) is not retried.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import logging
import smtplib
from collections.abc import Callable, Hashable, Iterable
from email.message import Message
from email.mime.base import MIMEBase
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import SafeMIMEText
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.html import conditional_escape
from django.utils.translation import gettext_noop

from .bidi import first_strong_direction
from .emails import normalize_email
from .models import OutboxMessage

log = logging.getLogger(__name__)

Status = OutboxMessage.Status

MAX_ATTEMPTS = 5
# A claim older than this without progress means its worker died; a message
# handed to the broker this long ago and still queued lost its task.
STALE_SENDING_AFTER = dt.timedelta(minutes=10)

# Stored untranslated in ``last_error`` and translated where it is shown.
UNCERTAIN_DELIVERY = gettext_noop(
    "The connection to the mail server was lost while it was receiving the message. "
    "It may have been delivered, so it is not sent again automatically."
)

RETRY, PERMANENT, UNCERTAIN, ERROR = "retry", "permanent", "uncertain", "error"

# What each purpose code means to a reader of "Sent messages". The code is what
# the unique key stores; the apps that send register a translatable label for
# each of theirs from their AppConfig.ready() (DESIGN §6: higher apps register).
PURPOSE_LABELS: dict[str, object] = {}


def outbox_purpose_register(purpose: str, label) -> None:
    """Name ``purpose`` for people; ``label`` is a lazy translation. A code
    registered twice with another label is an error at start-up."""
    if PURPOSE_LABELS.get(purpose, label) != label:
        raise ValueError(f"outbox purpose {purpose!r} is registered twice")
    PURPOSE_LABELS[purpose] = label


def outbox_purpose_label(purpose: str) -> str:
    """The label in the active language; a code nobody registered shows as it is."""
    return str(PURPOSE_LABELS.get(purpose, purpose))


class _ClaimLost(Exception):
    """The sweeper gave the message to another worker: stop before DATA."""


# ---------------------------------------------------------------- attachments rendered at send

# name -> fn(*, params: dict, language: str) -> bytes. A heavy attachment (a PDF)
# is rendered by the worker that sends the message, in the message's language,
# not by the request that enqueued it; higher apps register their renderers from
# their AppConfig.ready() (docs/architecture.md "How a higher app hooks in").
_ATTACHMENT_RENDERERS: dict[str, Callable[..., bytes]] = {}


def attachment_renderer_register(name: str, render: Callable[..., bytes]) -> None:
    if _ATTACHMENT_RENDERERS.get(name, render) is not render:
        raise ValueError(f"attachment renderer {name!r} is already registered")
    _ATTACHMENT_RENDERERS[name] = render


def _attachment_content(attachment: dict, *, language: str) -> bytes | str:
    if "render" in attachment:
        render = _ATTACHMENT_RENDERERS[attachment["render"]]
        return render(params=attachment.get("params", {}), language=language)
    if "content_b64" in attachment:
        return base64.b64decode(attachment["content_b64"])
    return attachment["content"]


# ---------------------------------------------------------------- enqueue


def _render_text(name: str, context: dict) -> str:
    # Subjects and text parts are not HTML: "R&D" must not become "R&amp;D".
    return get_template(name).template.render(Context(context, autoescape=False))


def absolute_url(path: str) -> str:
    """A link for an email or a calendar file: the portal's public address + path."""
    return settings.SITE_URL.rstrip("/") + path


# Extra headers per purpose, computed when a message is sent (a higher app
# registers them, e.g. the monthly schedule's List-Unsubscribe): purpose ->
# function(message) -> dict of headers.
HEADERS: dict[str, Callable[[OutboxMessage], dict[str, str]]] = {}


def register_headers(purpose: str, fn: Callable[[OutboxMessage], dict[str, str]]) -> None:
    HEADERS[purpose] = fn


def outbox_render(
    *, template: str, context: dict, language: str, recipient_name: str = "", html: bool = True
) -> tuple[str, str, str, str]:
    """(language, subject, text, HTML) of a message as ``outbox_enqueue`` stores
    it; also what a preview shows (a preview of the text alone passes
    ``html=False`` and gets "" for the HTML)."""
    language = (language or "").split("-")[0].lower()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    context = {**context, "recipient_name": recipient_name, "site_url": settings.SITE_URL}
    with translation.override(language):
        context["rtl"] = language in settings.LANGUAGES_RTL
        context["lang_code"] = language
        subject = " ".join(_render_text(f"emails/{template}.subject.txt", context).split())
        body_text = _render_text(f"emails/{template}.txt", context)
        body_html = render_to_string(f"emails/{template}.html", context) if html else ""
    return language, subject, body_text, body_html


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
    ``.html`` (the text ones are rendered without HTML escaping); all three are
    rendered in ``language``, with ``recipient_name``, ``site_url``, ``rtl`` and
    ``lang_code`` added to ``context``. ``attachments`` are dicts with
    ``filename``, ``mimetype`` and ``content`` (text) or ``content_b64`` (bytes),
    or ``render`` (a name given to ``attachment_renderer_register``) and
    ``params`` (JSON): rendered when the message is sent, in its language. A
    text attachment with ``alternative`` (a Content-Type such as
    ``text/calendar; method=REQUEST``) is also sent as a third part of the
    ``multipart/alternative`` beside the text and HTML (calendar invitations:
    RFC 6047 §2.4, MS-OXCMAIL 2.2.3.5).
    A message already in the outbox for the same purpose, recipient and object
    is returned unchanged. ``swg`` makes the message visible to that SWG's
    secretariat and chair on the outbox page.
    """
    email = normalize_email(recipient_email)
    existing = OutboxMessage.objects.filter(
        purpose=purpose, recipient_email=email, object_key=object_key
    ).first()
    if existing is not None:
        return existing, False
    language, subject, body_text, body_html = outbox_render(
        template=template, context=context, language=language, recipient_name=recipient_name
    )
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
    _queue_on_commit(message.pk)
    return message, True


@dataclasses.dataclass
class BulkMessage:
    """One recipient of ``outbox_enqueue_many``. Messages with the same
    ``group`` share ``context`` and ``attachments``; what differs per person is
    the name and the texts in ``personal`` (a link with their token). A
    message whose ``group`` is None is rendered for its recipient alone (an
    invitation with its own answer links and calendar file)."""

    recipient_email: str
    recipient_name: str = ""
    language: str = "en"
    group: Hashable = None
    context: dict = dataclasses.field(default_factory=dict)
    attachments: list[dict] = dataclasses.field(default_factory=list)
    personal: dict[str, str] = dataclasses.field(default_factory=dict)


# Stand-ins rendered in place of a person's values, then replaced by them: one
# of Latin letters and one of Arabic letters, so that the ``bdi`` filters (which
# look at a value's direction) treat the stand-in as they treat the value.
_STAND_IN = {"ltr": "qzxPERSONAL{}xzq", "rtl": "\u0638\u0638\u0636{}\u0636\u0638\u0638"}


def _shape(value: str) -> str | None:
    """How a per-person value renders: "" (empty), "ltr" or "rtl"; None when it
    has no letters (then the message is rendered for that person)."""
    if not value:
        return ""
    return first_strong_direction(value)


def _personalise(rendered: tuple[str, str, str, str], values: dict[str, str]):
    language, subject, text, html = rendered
    for stand_in, value in values.items():
        subject = subject.replace(stand_in, " ".join(value.split()))
        text = text.replace(stand_in, value)
        html = html.replace(stand_in, str(conditional_escape(value)))
    return language, subject, text, html


def _render_for(template: str, message: BulkMessage, cache: dict) -> tuple[str, str, str, str]:
    """The message rendered once per group, language and shape of the personal
    values, with stand-ins replaced; checked once against a full rendering."""
    values = {"recipient_name": message.recipient_name, **message.personal}
    shapes = tuple((key, _shape(value)) for key, value in sorted(values.items()))

    def full():
        context = {**message.context, **message.personal}
        return outbox_render(
            template=template,
            context=context,
            language=message.language,
            recipient_name=message.recipient_name,
        )

    if message.group is None or any(shape is None for _key, shape in shapes):
        return full()
    key = (message.group, message.language, shapes)
    if key not in cache:
        stand_ins = {
            name: (_STAND_IN[shape].format(index) if shape else "")
            for index, (name, shape) in enumerate(shapes)
        }
        shared = outbox_render(
            template=template,
            context={
                **message.context,
                **{k: v for k, v in stand_ins.items() if k in message.personal},
            },
            language=message.language,
            recipient_name=stand_ins["recipient_name"],
        )
        cache[key] = (shared, stand_ins, None)
    shared, stand_ins, checked = cache[key]
    result = _personalise(shared, {stand_ins[k]: v for k, v in values.items() if stand_ins[k]})
    if checked is None:
        checked = result == full()
        cache[key] = (shared, stand_ins, checked)
    return result if checked else full()


def outbox_enqueue_many(
    *,
    purpose: str,
    object_key: str,
    template: str,
    messages: Iterable[BulkMessage],
    swg=None,
) -> int:
    """``outbox_enqueue`` for many recipients of the same content (a fan-out):
    the templates are rendered once per group and language rather than per
    person, the rows are inserted in bulk, and the workers get them
    ``BATCH_SIZE`` per task once the transaction commits. A recipient already
    in the outbox for this purpose and object is skipped, so a second run
    stores nothing. Returns how many messages were stored."""
    existing = set(
        OutboxMessage.objects.filter(purpose=purpose, object_key=object_key).values_list(
            "recipient_email", flat=True
        )
    )
    cache: dict = {}
    rows = []
    for message in messages:
        email = normalize_email(message.recipient_email)
        if email in existing:
            continue
        existing.add(email)
        language, subject, body_text, body_html = _render_for(template, message, cache)
        rows.append(
            OutboxMessage(
                purpose=purpose,
                object_key=object_key,
                recipient_email=email,
                recipient_name=message.recipient_name,
                language=language,
                swg=swg,
                subject=subject[:255],
                body_text=body_text,
                body_html=body_html,
                attachments=message.attachments,
            )
        )
    try:
        with transaction.atomic():
            created = OutboxMessage.objects.bulk_create(rows, batch_size=500)
    except IntegrityError:
        # A concurrent run stored some of them first: one by one, keeping theirs.
        count = 0
        for row in rows:
            _message, is_new = outbox_enqueue_row(row)
            count += is_new
        return count
    ids = [row.pk for row in created]
    for start in range(0, len(ids), BATCH_SIZE):
        _queue_batch_on_commit(ids[start : start + BATCH_SIZE])
    return len(ids)


def outbox_enqueue_row(row: OutboxMessage) -> tuple[OutboxMessage, bool]:
    """Store an already rendered message unless it is there; queue it alone."""
    try:
        with transaction.atomic():
            row.pk = None
            row.save(force_insert=True)
    except IntegrityError:
        return OutboxMessage.objects.get(
            purpose=row.purpose, recipient_email=row.recipient_email, object_key=row.object_key
        ), False
    _queue_on_commit(row.pk)
    return row, True


def _queue_batch(message_ids: list[int]) -> None:
    from .tasks import outbox_send_batch_task

    outbox_send_batch_task.delay(message_ids)


def _dispatch_batch(message_ids: list[int]) -> None:
    _queue_batch(message_ids)  # raises when the broker cannot take the task
    OutboxMessage.objects.filter(
        pk__in=message_ids, status=Status.QUEUED, dispatched_at__isnull=True
    ).update(dispatched_at=timezone.now())


def _queue_batch_on_commit(message_ids: list[int]) -> None:
    # As _queue_on_commit: with the broker down the sweeper queues them later.
    transaction.on_commit(lambda: _dispatch_batch(message_ids), robust=True)


def _queue(message_id: int) -> None:
    from .tasks import outbox_send_task

    outbox_send_task.delay(message_id)


def _dispatch(message_id: int) -> None:
    _queue(message_id)  # raises when the broker cannot take the task
    OutboxMessage.objects.filter(
        pk=message_id, status=Status.QUEUED, dispatched_at__isnull=True
    ).update(dispatched_at=timezone.now())


def _queue_on_commit(message_id: int) -> None:
    # robust: with the broker down the request still succeeds; the row stays
    # queued without dispatched_at and the sweeper queues it once the broker is back.
    transaction.on_commit(lambda: _dispatch(message_id), robust=True)


# ---------------------------------------------------------------- send


def outbox_claim(*, message_id: int, retry: bool = False) -> OutboxMessage | None:
    """Atomically take a queued message for sending; with ``retry`` (the task's
    scheduled retry of an earlier attempt) also a message that failed in a way
    worth another attempt.

    Returns the message, whose ``claimed_at`` is this claim's token, or None
    when it is not there to take (sent, being sent, or failed for good).
    """
    takeable = Q(status=Status.QUEUED)
    if retry:
        # A failure with sent_at set may have been delivered: never again by itself.
        takeable |= Q(status=Status.FAILED, attempts__lt=MAX_ATTEMPTS, sent_at__isnull=True)
    token = timezone.now()
    claimed = OutboxMessage.objects.filter(takeable, pk=message_id).update(
        status=Status.SENDING, claimed_at=token, sent_at=None
    )
    if not claimed:
        return None
    message = OutboxMessage.objects.get(pk=message_id)
    message.claimed_at = token  # exactly what the conditional writes compare with
    return message


def _build_email(message: OutboxMessage, connection) -> EmailMultiAlternatives:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    stamp = int(message.created_at.timestamp()) if message.created_at else 0
    email = _Email(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[formataddr((message.recipient_name, message.recipient_email))],
        connection=connection,
        headers={
            # The same on every attempt, so that a receiver can recognise a copy.
            "Message-ID": f"<outbox.{message.pk}.{stamp}@{domain}>",
            "Content-Language": message.language,
            "Auto-Submitted": "auto-generated",  # RFC 3834: no out-of-office replies
            "X-SWG-Purpose": message.purpose,
            **(HEADERS[message.purpose](message) if message.purpose in HEADERS else {}),
        },
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments:
        content = _attachment_content(attachment, language=message.language)
        if attachment.get("alternative") and isinstance(content, str):
            email.attach_alternative(_text_part(content, attachment["alternative"]), "text/*")
        if isinstance(content, str) and not attachment["mimetype"].startswith("text/"):
            content = content.encode()  # as UTF-8; Django would escape a str's non-ASCII
        email.attach(attachment["filename"], content, attachment["mimetype"])
    return email


class _Email(EmailMultiAlternatives):
    """Django's message, taking an alternative that is already a MIME part:
    its own builder would fold ``method=REQUEST`` into the subtype."""

    def _create_mime_attachment(self, content, mimetype):
        if isinstance(content, MIMEBase):
            return content
        return super()._create_mime_attachment(content, mimetype)


def _text_part(content: str, content_type: str) -> MIMEBase:
    """A UTF-8 text part under ``content_type``, its parameters kept as
    parameters (``text/calendar; method=REQUEST; charset="utf-8"``)."""
    header = Message()
    header["Content-Type"] = content_type
    part = SafeMIMEText(content, header.get_content_subtype(), settings.DEFAULT_CHARSET)
    for name, value in (header.get_params() or [])[1:]:
        part.set_param(name, value, requote=False)  # method=REQUEST, as Outlook writes it
    return part


def _deliver(connection, email: EmailMultiAlternatives, hand_over: Callable[[], None]) -> None:
    """Send through an open connection, calling ``hand_over`` at the last moment
    the server cannot have the message yet."""
    smtp = getattr(connection, "connection", None)
    if isinstance(smtp, smtplib.SMTP):
        send_data = smtp.data

        def data(msg):
            # smtplib's sendmail() calls data() once MAIL FROM and RCPT TO were
            # accepted; the content and its final "." follow.
            hand_over()
            return send_data(msg)

        smtp.data = data
        try:
            connection.send_messages([email])
        finally:
            # The connection may carry the next message of a batch.
            smtp.data = send_data
        return
    hand_over()  # the in-process backends (locmem, file, console)
    connection.send_messages([email])


def _failure_kind(exc: Exception, *, handed_over: bool) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in exc.recipients.values()]
        return PERMANENT if codes and all(code >= 500 for code in codes) else RETRY
    if isinstance(exc, smtplib.SMTPResponseException):
        # The server answered, so it did not take the message.
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            return RETRY  # our configuration, not this message
        return PERMANENT if exc.smtp_code >= 500 else RETRY
    if handed_over:
        return UNCERTAIN
    if isinstance(exc, (smtplib.SMTPException, OSError)):
        return RETRY
    return ERROR


def _describe(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{rcpt}: {code} {_text(text)}" for rcpt, (code, text) in exc.recipients.items()
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return f"{exc.__class__.__name__}: {exc}"


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def outbox_send(*, message_id: int, retry: bool = False) -> str:
    """Send one message if nobody else has; returns its resulting status.

    Re-raises an SMTP error after recording it when another attempt is due, so
    that the Celery task retries with backoff (and calls again with ``retry``);
    raises an unexpected error (a bug) after recording it as the reason.
    A permanent refusal, the last attempt, or a connection lost once the
    message was handed over, end as "failed" without raising.
    """
    message = outbox_claim(message_id=message_id, retry=retry)
    if message is None:
        return _status_of(message_id)
    connection = get_connection()
    try:
        status, exc, kind = _attempt(message, connection)
    finally:
        _close_quietly(connection)
    if exc is not None and (kind == ERROR or _retry_due(kind, message)):
        raise exc
    return status


def _status_of(message_id: int) -> str | None:
    return OutboxMessage.objects.filter(pk=message_id).values_list("status", flat=True).first()


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:  # the message's fate is decided; QUIT is a courtesy
        log.debug("closing the mail connection failed", exc_info=True)


def _retry_due(kind: str | None, message: OutboxMessage) -> bool:
    return kind == RETRY and message.attempts + 1 < MAX_ATTEMPTS


def _attempt(
    message: OutboxMessage, connection, *, delivered: list[int] | None = None
) -> tuple[str | None, Exception | None, str | None]:
    """Send a claimed message through ``connection`` (opened if it is not) and
    record the outcome. Returns (status, the recorded error or None, its
    failure kind or None). With ``delivered`` (a batch), a delivered message's
    id is added to it for the batch to mark sent together with others."""
    mine = OutboxMessage.objects.filter(pk=message.pk, claimed_at=message.claimed_at)
    handed_over = False

    def hand_over():
        nonlocal handed_over
        if not mine.filter(status=Status.SENDING).update(sent_at=timezone.now()):
            raise _ClaimLost(message.pk)
        handed_over = True

    try:
        # Built first: a rendered attachment (a PDF) must not keep the server waiting.
        email = _build_email(message, connection)
        connection.open()
        _deliver(connection, email, hand_over)
    except _ClaimLost:
        log.warning("outbox message %s was taken over by another worker", message.pk)
        return _status_of(message.pk), None, None
    except Exception as exc:
        kind = _failure_kind(exc, handed_over=handed_over)
        reason = _describe(exc)
        if kind == UNCERTAIN:
            reason = f"{UNCERTAIN_DELIVERY} ({reason})"
        recorded = mine.filter(status=Status.SENDING).update(
            status=Status.FAILED,
            attempts=F("attempts") + 1,
            last_error=reason[:2000],
            # Kept after hand-over: it is what stops an automatic resend.
            sent_at=F("sent_at") if kind == UNCERTAIN else None,
        )
        log.warning("outbox message %s failed (%s): %s", message.pk, kind, reason)
        if not recorded:  # the sweeper gave the message to another worker meanwhile
            return _status_of(message.pk), None, None
        return Status.FAILED, exc, kind
    if delivered is not None:
        delivered.append(message.pk)
    else:
        mine.update(
            status=Status.SENT,
            attempts=F("attempts") + 1,
            sent_at=timezone.now(),
            last_error="",
        )
    log.info("outbox message %s sent to %s", message.pk, message.recipient_email)
    return Status.SENT, None, None


# ---------------------------------------------------------------- batches
#
# A fan-out (the monthly schedule to thousands of people) is stored with
# ``outbox_enqueue_many`` and handed to the workers ``BATCH_SIZE`` messages per
# task; a worker sends a batch over one SMTP connection (docs/architecture.md
# "Long work"). Each message keeps its own claim, hand-over and outcome, so
# the at-most-once rules above hold message by message; a message that failed
# in a way worth another attempt goes on alone through ``outbox_send_task``.

BATCH_SIZE = 100
# Connections that fail one after the other before a batch gives up and is
# queued again later as a whole.
BATCH_CONNECTION_FAILURES = 3
BATCH_RETRY_SECONDS = 60
# Delivered messages of a batch are marked sent this many at a time: one
# commit per message (its hand-over marker) instead of two. Should the worker
# die before a mark, those messages carry ``sent_at`` and the sweeper records
# them as "may have been delivered": never sent twice.
SENT_MARK_EVERY = 20


def outbox_claim_batch(*, message_ids: list[int]) -> list[OutboxMessage]:
    """Take the queued ones of ``message_ids`` in one UPDATE; returns them,
    each with this claim's token."""
    token = timezone.now()
    OutboxMessage.objects.filter(pk__in=message_ids, status=Status.QUEUED).update(
        status=Status.SENDING, claimed_at=token, sent_at=None
    )
    return list(
        OutboxMessage.objects.filter(
            pk__in=message_ids, status=Status.SENDING, claimed_at=token
        ).order_by("pk")
    )


def _is_connection_error(exc: Exception) -> bool:
    # The server answered (a refusal): the conversation can go on.
    return not isinstance(exc, (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused))


def outbox_send_batch(*, message_ids: list[int]) -> dict[str, int]:
    """Send the queued ones of ``message_ids`` over one SMTP connection;
    returns how many ended in each status. A message to try again is queued on
    its own (``outbox_send_task``, with backoff); when the server cannot be
    reached, the batch's unsent messages go back to the queue for a later batch."""
    from .tasks import outbox_send_batch_task, outbox_send_task

    messages = outbox_claim_batch(message_ids=message_ids)
    outcome: dict[str, int] = {}
    connection = get_connection()
    failures_in_a_row = 0
    delivered: list[int] = []
    try:
        for index, message in enumerate(messages):
            if len(delivered) >= SENT_MARK_EVERY:
                _mark_sent(delivered, token=message.claimed_at)
            status, exc, kind = _attempt(message, connection, delivered=delivered)
            outcome[status] = outcome.get(status, 0) + 1
            if exc is None:
                failures_in_a_row = 0
                continue
            if kind == ERROR:
                log.error("outbox message %s: %s", message.pk, exc, exc_info=exc)
            if _retry_due(kind, message):
                outbox_send_task.apply_async(
                    (message.pk,), {"again": True}, countdown=BATCH_RETRY_SECONDS, **_same_queue()
                )
            if not _is_connection_error(exc):
                continue
            _close_quietly(connection)
            failures_in_a_row += 1
            if failures_in_a_row >= BATCH_CONNECTION_FAILURES:
                rest = list(messages[index + 1 :])
                released = _release(rest)
                if released:
                    outbox_send_batch_task.apply_async((released,), countdown=BATCH_RETRY_SECONDS)
                    outcome[Status.QUEUED] = len(released)
                break
    finally:
        if messages:
            _mark_sent(delivered, token=messages[0].claimed_at)
        _close_quietly(connection)
    return outcome


def _mark_sent(delivered: list[int], *, token) -> None:
    """Mark a batch's delivered messages sent (conditional on its claim) and
    empty the list."""
    if delivered:
        OutboxMessage.objects.filter(
            pk__in=delivered, status=Status.SENDING, claimed_at=token
        ).update(status=Status.SENT, attempts=F("attempts") + 1, last_error="")
        delivered.clear()


def _same_queue() -> dict:
    """The queue of the task running now, for the tasks it queues in turn."""
    from celery import current_task

    info = getattr(getattr(current_task, "request", None), "delivery_info", None) or {}
    return {"queue": info["routing_key"]} if info.get("routing_key") else {}


def _release(messages: list[OutboxMessage]) -> list[int]:
    """Claimed messages this worker will not try: back to the queue."""
    released = []
    now = timezone.now()
    for message in messages:
        if OutboxMessage.objects.filter(
            pk=message.pk, status=Status.SENDING, claimed_at=message.claimed_at
        ).update(status=Status.QUEUED, claimed_at=now, dispatched_at=now):
            released.append(message.pk)
    return released


# ---------------------------------------------------------------- recovery


def outbox_retry(*, message: OutboxMessage) -> bool:
    """The secretariat sends a failed message again (one more attempt).

    Also for a message that may have been delivered: a person decided.
    Returns False when the message is not failed (any more).
    """
    requeued = OutboxMessage.objects.filter(pk=message.pk, status=Status.FAILED).update(
        status=Status.QUEUED, sent_at=None, claimed_at=timezone.now(), dispatched_at=None
    )
    if requeued:
        _queue_on_commit(message.pk)
    return bool(requeued)


def outbox_requeue_stale(
    *,
    older_than: dt.timedelta = STALE_SENDING_AFTER,
    undispatched_after: dt.timedelta | None = None,
) -> list[int]:
    """Recover from dead workers, lost tasks and a broker that was down; returns
    the ids queued again. Beat runs it every minute (``outbox_sweep``).

    - "sending" without ``sent_at``: the worker died before the message content
      went out, so nothing was delivered; back to the queue.
    - "sending" with ``sent_at``: the worker died while the server was taking
      the message; it may have been delivered, so failed with that reason.
    - "queued" and never handed to the broker (no ``dispatched_at``) for
      ``undispatched_after`` (``OUTBOX_UNDISPATCHED_AFTER`` seconds): the broker
      was down when it was queued; queued again now that the sweeper runs.
    - "queued", handed to the broker more than ``older_than`` ago: its task was
      lost (held by a worker that died); queued again.

    A duplicate task is harmless: the claim lets only one send.
    """
    if undispatched_after is None:
        undispatched_after = dt.timedelta(seconds=settings.OUTBOX_UNDISPATCHED_AFTER)
    now = timezone.now()
    cutoff = now - older_than
    requeued: list[int] = []
    for pk, token in OutboxMessage.objects.filter(
        status=Status.SENDING, sent_at__isnull=True, claimed_at__lt=cutoff
    ).values_list("pk", "claimed_at"):
        # Conditional on the token: a message claimed again meanwhile is left alone.
        if OutboxMessage.objects.filter(
            pk=pk, status=Status.SENDING, claimed_at=token, sent_at__isnull=True
        ).update(status=Status.QUEUED, claimed_at=now, dispatched_at=None):
            requeued.append(pk)
    for pk, token in OutboxMessage.objects.filter(
        status=Status.SENDING, sent_at__lt=cutoff
    ).values_list("pk", "claimed_at"):
        if OutboxMessage.objects.filter(pk=pk, status=Status.SENDING, claimed_at=token).update(
            status=Status.FAILED, attempts=F("attempts") + 1, last_error=UNCERTAIN_DELIVERY
        ):
            log.warning("outbox message %s may have been delivered; not resent", pk)
    # claimed_at of a queued message is when it was last put in the queue.
    undispatched_cutoff = now - undispatched_after
    waiting = Q(dispatched_at__isnull=True) & (
        Q(claimed_at__lt=undispatched_cutoff)
        | Q(claimed_at__isnull=True, created_at__lt=undispatched_cutoff)
    )
    lost = OutboxMessage.objects.filter(status=Status.QUEUED).filter(
        waiting | Q(dispatched_at__lt=cutoff)
    )
    lost_ids = [pk for pk in lost.values_list("pk", flat=True) if pk not in requeued]
    if lost_ids:
        OutboxMessage.objects.filter(pk__in=lost_ids, status=Status.QUEUED).update(
            claimed_at=now, dispatched_at=None
        )
    requeued += lost_ids
    for pk in requeued:
        _queue_on_commit(pk)
    if requeued:
        log.info("outbox: %s messages queued again", len(requeued))
    return requeued
