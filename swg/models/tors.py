"""Terms of reference (DESIGN §3 "Terms of reference"; assessment §2(ii): a
generic TOR for the coordination groups; §3.2: most groups had none; Annex 2b:
the TORs were reviewed with MoP, which asked for an Arabic version).

A TOR is the sequence of its versions: one row per version, for the generic
TOR (no group) or one group. Each version holds six sections in English and
Arabic and moves draft → reviewed by MoP → endorsed by the chair; the newly
endorsed version supersedes the one endorsed before. Only a draft is written.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The structured sections of a TOR, in the order they are read (DESIGN §3).
SECTIONS = (
    ("objectives", _("Objectives")),
    ("membership", _("Membership")),
    ("roles", _("Roles and responsibilities")),
    ("meetings", _("Meetings")),
    ("reporting", _("Reporting")),
    ("secretariat", _("Secretariat")),
)
SECTION_KEYS = tuple(key for key, _label in SECTIONS)
LANGUAGES = ("en", "ar")

# The key of the generic TOR in addresses; group slugs never take it.
GENERIC = "generic"


def section_field(key: str, language: str) -> str:
    return f"{key}_{language}"


class TorVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEWED = "reviewed", _("Reviewed by MoP")
        ENDORSED = "endorsed", _("Endorsed")
        SUPERSEDED = "superseded", _("Superseded")

    OPEN_STATUSES = (Status.DRAFT, Status.REVIEWED)

    swg = models.ForeignKey(
        "swg.SWG",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tor_versions",
        help_text=_("Empty for the generic terms of reference."),
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("started from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    objectives_en = models.TextField(_("objectives (English)"), blank=True)
    objectives_ar = models.TextField(_("objectives (Arabic)"), blank=True)
    membership_en = models.TextField(_("membership (English)"), blank=True)
    membership_ar = models.TextField(_("membership (Arabic)"), blank=True)
    roles_en = models.TextField(_("roles and responsibilities (English)"), blank=True)
    roles_ar = models.TextField(_("roles and responsibilities (Arabic)"), blank=True)
    meetings_en = models.TextField(_("meetings (English)"), blank=True)
    meetings_ar = models.TextField(_("meetings (Arabic)"), blank=True)
    reporting_en = models.TextField(_("reporting (English)"), blank=True)
    reporting_ar = models.TextField(_("reporting (Arabic)"), blank=True)
    secretariat_en = models.TextField(_("secretariat (English)"), blank=True)
    secretariat_ar = models.TextField(_("secretariat (Arabic)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("endorsed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    endorsed_at = models.DateTimeField(_("endorsed at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("terms of reference version")
        verbose_name_plural = _("terms of reference versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["swg", "number"], name="tor_version_once"),
            models.UniqueConstraint(
                fields=["number"], condition=Q(swg__isnull=True), name="tor_generic_version_once"
            ),
            # One version is in force at a time (DESIGN §3: "the endorsed version is shown").
            models.UniqueConstraint(
                fields=["swg"], condition=Q(status="endorsed"), name="tor_one_endorsed"
            ),
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(swg__isnull=True, status="endorsed"),
                name="tor_generic_one_endorsed",
            ),
        ]

    def __str__(self):
        return f"{self.tor_key} v{self.number}"

    def get_absolute_url(self):
        return reverse("swg:tor_version", args=[self.tor_key, self.number])

    @property
    def tor_key(self) -> str:
        return self.swg.slug if self.swg_id else GENERIC

    @property
    def is_generic(self) -> bool:
        return self.swg_id is None

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def section_text(self, key: str, language: str) -> str:
        return getattr(self, section_field(key, language))
