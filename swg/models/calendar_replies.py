"""The calendar replies the portal applied to invitations (README "Calendar
replies"; iTIP REPLY, RFC 5546 §3.2.3). One row per email and invitation, so
reading the mailbox again applies nothing twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .meetings import Invitation


class CalendarReply(models.Model):
    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        related_name="calendar_replies",
    )
    # The email's Message-ID, or "sha256:<digest>" of an email without one.
    message_key = models.CharField(_("message"), max_length=255)
    sender = models.EmailField(_("sender"), max_length=254)
    answer = models.CharField(_("answer"), max_length=20, choices=Invitation.Rsvp.choices)
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    stamped_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # False when the invitation already had this answer or a later one.
    applied = models.BooleanField(_("applied"), default=False)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar reply")
        verbose_name_plural = _("calendar replies")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["message_key", "invitation"], name="calendar_reply_once"
            ),
        ]

    def __str__(self):
        return f"{self.invitation} · {self.answer}"
