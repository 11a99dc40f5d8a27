from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """Last time a scheduled component checked in (beat → worker)."""

    name = models.CharField(_("component"), max_length=50, unique=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return self.name


class OutboxMessage(models.Model):
    """Every email the portal sends (DESIGN §3 "Sent messages", §5).

    A message is identified by (purpose, recipient, object key): the unique
    constraint makes a second enqueue of the same message impossible, and the
    send task claims a row atomically before talking to SMTP, so a task that runs
    twice or a redelivered message sends nothing more.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    purpose = models.CharField(_("purpose"), max_length=60)
    object_key = models.CharField(
        _("about"), max_length=120, help_text=_("What the message is about, e.g. meeting:12:v3")
    )
    recipient_email = models.EmailField(_("recipient"))
    recipient_name = models.CharField(_("recipient name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=5, default="en")
    swg = models.ForeignKey(
        "swg.SWG",
        verbose_name=_("working group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    # When the send task of this queueing reached the broker; empty while it has
    # not (the broker was down), which the sweeper picks up within a minute.
    dispatched_at = models.DateTimeField(_("handed to the queue at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sent message")
        verbose_name_plural = _("sent messages")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "recipient_email", "object_key"], name="outbox_once"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "claimed_at"]),
            # "Sent messages" lists the newest first (swg/views/outbox.py).
            models.Index(fields=["-created_at", "-id"], name="outbox_newest_first"),
        ]

    def __str__(self):
        return f"{self.purpose} → {self.recipient_email}"


class NotificationPreference(models.TextChoices):
    """How a user wants the notifications that are not duties by email
    (docs/architecture.md "Notifications"); duties are always emailed."""

    IMMEDIATE = "immediate", _("Immediately")
    DIGEST = "digest", _("In a weekly digest")
    OFF = "off", _("Not by email (in the portal only)")


class Notification(models.Model):
    """Work that moved to a person (DESIGN §3: minutes to the chair and back,
    action points to their owners, updates returned to partners, TORs to review).

    Shown under the bell until read; ``delivery`` says how it was or will be
    emailed, decided from the recipient's preference when it was created.
    One row per recipient, kind and object key, so an event notified twice is
    stored and emailed once.
    """

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately")
        DIGEST = "digest", _("Weekly digest")
        OFF = "off", _("Not emailed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=60)
    object_key = models.CharField(_("about"), max_length=120)
    url = models.CharField(_("link"), max_length=300)
    params = models.JSONField(_("text parameters"), default=dict, blank=True)
    delivery = models.CharField(_("email"), max_length=10, choices=Delivery.choices)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # When the email carrying it was queued (at once, or in a digest).
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "object_key"], name="notification_once"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["delivery", "emailed_at"]),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"


class DataChange(models.Model):
    """A transaction (PostgreSQL's ``txid_current()``) that wrote to a watched
    app's tables, stamped anew by each of its statements; written by a database
    trigger, never by Python (coordination/data_version.py). A row with a
    negative ``txid`` stands for older rows folded into it."""

    txid = models.BigIntegerField(primary_key=True)
    stamp = models.BigIntegerField()

    class Meta:
        verbose_name = _("data change")
        verbose_name_plural = _("data changes")

    def __str__(self):
        return f"{self.txid} ({self.stamp})"
