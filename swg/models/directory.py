from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.bilingual import BilingualName, bilingual_text, pick_language
from coordination.emails import normalize_email


class Organization(BilingualName):
    class Type(models.TextChoices):
        MINISTRY = "ministry", _("Government ministry / line ministry")
        GOV_BODY = "gov_body", _("Government body")
        UN = "un", _("UN agency / mission")
        BILATERAL = "bilateral", _("Bilateral donor / embassy")
        MULTILATERAL = "multilateral", _("Multilateral organization")
        INGO = "ingo", _("International NGO")
        CSO = "cso", _("Libyan civil society")
        PRIVATE = "private", _("Private sector")
        ACADEMIA = "academia", _("Academia")

    GOVERNMENT_TYPES = (Type.MINISTRY, Type.GOV_BODY)

    org_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("For a department: the ministry or body it belongs to."),
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Assessment Annex 1.1: circulated minutes go to MoP as well as the members.
    is_ministry_of_planning = models.BooleanField(
        _("Ministry of Planning"),
        default=False,
        help_text=_("Its people who are members or focal points receive every circulated minutes."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_ministry_of_planning"],
                condition=models.Q(is_ministry_of_planning=True),
                name="one_ministry_of_planning",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("swg:organization_detail", args=[self.pk])

    @property
    def is_government(self) -> bool:
        return self.org_type in self.GOVERNMENT_TYPES


class Contact(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "f", _("Woman")
        MALE = "m", _("Man")
        UNDISCLOSED = "x", _("Not stated")

    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200, blank=True)
    title_en = models.CharField(_("job title (English)"), max_length=200, blank=True)
    title_ar = models.CharField(_("job title (Arabic)"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    email = models.EmailField(_("email"), unique=True)
    mobile = models.CharField(_("mobile"), max_length=40, blank=True)
    landline = models.CharField(_("landline"), max_length=40, blank=True)
    gender = models.CharField(
        _("gender"), max_length=1, choices=Gender.choices, default=Gender.UNDISCLOSED
    )
    languages = models.CharField(
        _("languages spoken"),
        max_length=100,
        blank=True,
        help_text=_("For example: Arabic, English"),
    )
    preferred_language = models.CharField(
        _("language for emails"),
        max_length=5,
        choices=[("en", _("English")), ("ar", _("Arabic"))],
        default="en",
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name_en", "name_ar"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="contact_email_ci_unique"),
        ]
        indexes = [
            # The contact list's page in its default order is read from this
            # index, not sorted from every contact (bench/README.md).
            models.Index(fields=["name_en", "name_ar"], name="contact_name_order"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("swg:contact_detail", args=[self.pk])

    @property
    def name(self) -> str:
        return pick_language(self.name_en, self.name_ar)

    title = bilingual_text("title")

    def clean(self):
        from django.core.exceptions import ValidationError

        if not (self.name_en or "").strip() and not (self.name_ar or "").strip():
            raise ValidationError({"name_en": _("Give the name in English or Arabic (or both).")})
        if self.email:
            self.email = normalize_email(self.email)
