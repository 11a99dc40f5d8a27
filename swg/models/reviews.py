"""The annual membership reassessment (assessment Annex 1.1)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MembershipReview(models.Model):
    """The chair's annual decision on one member (assessment Annex 1.1: membership
    reassessed against frequent absences, scarce contributions, missing data)."""

    class Decision(models.TextChoices):
        KEEP = "keep", _("Keep")
        WARN = "warn", _("Warn")
        END = "end", _("End membership")

    membership = models.ForeignKey(
        "swg.Membership",
        verbose_name=_("membership"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    meetings_held = models.PositiveSmallIntegerField(_("meetings held"), default=0)
    meetings_attended = models.PositiveSmallIntegerField(_("meetings attended"), default=0)
    actions_done = models.PositiveSmallIntegerField(_("action points done"), default=0)
    actions_overdue = models.PositiveSmallIntegerField(_("action points overdue"), default=0)
    updates_missing = models.PositiveSmallIntegerField(
        _("quarterly updates missing"), null=True, blank=True
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership review")
        verbose_name_plural = _("membership reviews")
        ordering = ["-period_end", "membership"]

    def __str__(self):
        return f"{self.membership}: {self.get_decision_display()}"
