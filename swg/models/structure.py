from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.bilingual import BilingualName, pick_language


class SWG(BilingualName):
    """A sector working group. Legacy groups (assessment §4.1-4.3) are kept as
    inactive rows mapped to the MoP groups that replaced them (§4.4)."""

    class Lead(models.TextChoices):
        MOP = "mop", _("Ministry of Planning")
        UNSMIL = "unsmil", _("UNSMIL-led (legacy)")
        UNCT = "unct", _("UNCT-led (legacy)")
        GOVERNMENT = "government", _("Government-led (legacy)")

    slug = models.SlugField(_("short code"), max_length=60, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    lead = models.CharField(_("led by"), max_length=20, choices=Lead.choices, default=Lead.MOP)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)
    replaced_by = models.ManyToManyField(
        "self",
        verbose_name=_("replaced by"),
        symmetrical=False,
        blank=True,
        related_name="replaces",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sector working group")
        verbose_name_plural = _("sector working groups")
        ordering = ["-is_active", "number", "name_en"]

    def get_absolute_url(self):
        return reverse("swg:detail", args=[self.slug])

    @property
    def description(self):
        return pick_language(self.description_en, self.description_ar)


class Subsector(BilingualName):
    swg = models.ForeignKey(
        SWG, verbose_name=_("working group"), on_delete=models.PROTECT, related_name="subsectors"
    )
    slug = models.SlugField(_("short code"), max_length=80)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("subsector")
        verbose_name_plural = _("subsectors")
        ordering = ["swg", "order", "name_en"]
        constraints = [
            models.UniqueConstraint(fields=["swg", "slug"], name="subsector_slug_unique_in_swg")
        ]


class StructureChange(models.Model):
    """One restructuring step (assessment Annex 2a: the structure will be revised
    again). Rows are only added, never edited: the SWG page reads them as its
    history, and ``SWG.history.as_of(date)`` gives the state on any date."""

    class Kind(models.TextChoices):
        CREATE = "create", _("Created")
        RENAME = "rename", _("Renamed")
        SUBSECTOR_ADD = "subsector_add", _("Subsector added")
        SUBSECTOR_MOVE = "subsector_move", _("Subsector moved")
        MERGE = "merge", _("Merged")
        SPLIT = "split", _("Split")
        RETIRE = "retire", _("Retired")

    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    swg = models.ForeignKey(
        SWG, verbose_name=_("working group"), on_delete=models.PROTECT, related_name="changes"
    )
    other_swg = models.ForeignKey(
        SWG,
        verbose_name=_("other working group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    subsector = models.ForeignKey(
        Subsector, verbose_name=_("subsector"), on_delete=models.PROTECT, null=True, blank=True
    )
    effective_on = models.DateField(_("effective on"))
    # Written in both languages when the change is made, so each reader sees it in theirs.
    summary_en = models.CharField(_("summary (English)"), max_length=500)
    summary_ar = models.CharField(_("summary (Arabic)"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    made_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("structure change")
        verbose_name_plural = _("structure changes")
        ordering = ["-effective_on", "-made_at"]

    def __str__(self):
        return self.summary

    @property
    def summary(self) -> str:
        return pick_language(self.summary_en, self.summary_ar)
