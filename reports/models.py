"""Progress reports for the MoP Technical Cooperation Office (DESIGN §3
"Progress report"; assessment key function (f): "report to the Ministry on
progress"). One report per SWG and period; its figures are read from the
portal when it is rendered, only the narrative sections are written by hand.

States (``reports.services.reports``): draft → approved by the chair → sent
(filed in the archive in English and Arabic and mailed through the outbox to
the recipient offices). Editing the narrative of an approved or sent report
takes it back to draft; approving it again files a new version and sends it
again (``revision``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.periods import Period
from coordination.storage import RandomName, private_storage

# The narrative sections written by the secretariat, in the order of the report
# (DESIGN §3 lists the figures; the text around them is the group's own).
NARRATIVE_SECTIONS = (
    ("summary", _("Summary")),
    ("achievements", _("Achievements and challenges")),
    ("next_steps", _("Next steps")),
)


class ProgressReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved by the chair")
        SENT = "sent", _("Filed and sent")

    class PeriodKind(models.TextChoices):
        QUARTER = Period.QUARTER, _("Quarter")
        HALF = Period.HALF, _("Half-year")
        YEAR = Period.YEAR, _("Year")

    swg = models.ForeignKey(
        "swg.SWG",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Sanitized HTML (reports.services.reports.narrative_clean): a few tags, no attributes
    # beyond a link's address.
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_ar = models.TextField(_("summary (Arabic)"), blank=True)
    achievements_en = models.TextField(_("achievements and challenges (English)"), blank=True)
    achievements_ar = models.TextField(_("achievements and challenges (Arabic)"), blank=True)
    next_steps_en = models.TextField(_("next steps (English)"), blank=True)
    next_steps_ar = models.TextField(_("next steps (Arabic)"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Each approval is one revision: filed as a new archive version and sent again.
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["swg", "-period_start", "period_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["swg", "period_kind", "period_start"], name="one_report_per_swg_period"
            ),
        ]

    def __str__(self):
        return f"{self.swg} — {self.period.label}"

    def get_absolute_url(self):
        return reverse("reports:detail", args=[self.swg.slug, self.period.code])

    @property
    def period(self) -> Period:
        return Period.of(self.period_kind, self.period_start)

    def narrative(self, language: str) -> dict[str, str]:
        return {key: getattr(self, f"{key}_{language}") for key, _label in NARRATIVE_SECTIONS}


class ReportGeneration(models.Model):
    """One rendering of a report's PDF in one language, by a Celery task; the
    page polls ``progress`` (reports/status JSON)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Rendering")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="generations",
    )
    language = models.CharField(_("language"), max_length=5)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # Each step the task reached, with its percentage: what the page showed.
    steps = models.JSONField(_("steps"), default=list, blank=True)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=RandomName("reports/%Y/%m"), blank=True
    )
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    history = HistoricalRecords()

    # ``message`` of a rendering failed by the sweep (reports/services/reports.py):
    # its worker died or its task was lost before it finished.
    TIMED_OUT = "timed out"

    class Meta:
        verbose_name = _("report rendering")
        verbose_name_plural = _("report renderings")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.report} ({self.language}) {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def failure_reason(self) -> str:
        """Why a failed rendering failed, as its page tells the user ("" otherwise)."""
        if self.status != self.Status.FAILED:
            return ""
        if self.message == self.TIMED_OUT:
            return _(
                "The PDF was not ready after %(minutes)s minutes and was stopped. "
                "Generate it again."
            ) % {"minutes": settings.REPORT_GENERATION_TIME_LIMIT // 60}
        return _("The PDF could not be made.")


class ReportRecipient(models.Model):
    """An organization whose active contacts receive every sent progress report:
    the MoP Technical Cooperation Office (DESIGN §3 "Progress report"). Kept
    here rather than as a flag on the organization so that the directory does
    not depend on the reports (DESIGN §6); set in the admin and by the demo."""

    organization = models.OneToOneField(
        "swg.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report recipient")
        verbose_name_plural = _("progress report recipients")

    def __str__(self):
        return str(self.organization)
