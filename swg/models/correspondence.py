"""The correspondence register (DESIGN §3 "Correspondence register"): official
letters, Notes Verbales and emails, in and out. LIBMITAF §5.1 shows the shape:
all official correspondence of a project goes through the Ministry of Foreign
Affairs, and approvals arrive as Notes Verbales that someone must follow up."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.bilingual import pick_language


class Correspondence(models.Model):
    class Direction(models.TextChoices):
        INCOMING = "in", _("Incoming")
        OUTGOING = "out", _("Outgoing")

    class Channel(models.TextChoices):
        DIRECT = "direct", _("Direct")
        MFA = "mfa", _("Via the Ministry of Foreign Affairs")
        EMAIL = "email", _("Email")

    class Kind(models.TextChoices):
        NOTE_VERBALE = "note_verbale", _("Note Verbale")
        LETTER = "letter", _("Letter")
        EMAIL = "email", _("Email")

    class FollowUp(models.TextChoices):
        NONE = "none", _("No follow-up needed")
        OPEN = "open", _("Follow-up open")
        DONE = "done", _("Followed up")

    # Unique within its year (DESIGN §3); the register suggests the next one.
    reference = models.CharField(_("reference number"), max_length=50)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    date = models.DateField(_("date"))
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    from_organization = models.ForeignKey(
        "swg.Organization",
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        related_name="correspondence_sent",
    )
    to_organization = models.ForeignKey(
        "swg.Organization",
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="correspondence_received",
    )
    subject_en = models.CharField(_("subject (English)"), max_length=300, blank=True)
    subject_ar = models.CharField(_("subject (Arabic)"), max_length=300, blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    swg = models.ForeignKey(
        "swg.SWG",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correspondence",
    )
    documents = models.ManyToManyField(
        "swg.Document", verbose_name=_("documents"), blank=True, related_name="correspondence"
    )
    meetings = models.ManyToManyField(
        "swg.Meeting", verbose_name=_("meetings"), blank=True, related_name="correspondence"
    )
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_status = models.CharField(
        _("follow-up"), max_length=10, choices=FollowUp.choices, default=FollowUp.NONE
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[documents, meetings])

    class Meta:
        verbose_name = _("correspondence")
        verbose_name_plural = _("correspondence")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "reference"], name="correspondence_reference_once_a_year"
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.subject}"

    def save(self, *args, **kwargs):
        self.year = self.date.year
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("swg:correspondence_detail", args=[self.pk])

    @property
    def subject(self) -> str:
        return pick_language(self.subject_en, self.subject_ar)

    @property
    def is_overdue(self) -> bool:
        return (
            self.follow_up_status == self.FollowUp.OPEN
            and self.follow_up_due is not None
            and self.follow_up_due < timezone.localdate()
        )
