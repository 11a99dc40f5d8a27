from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.bilingual import bilingual_text
from coordination.choices import choice_label


class ActiveQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on) | Q(start_date__isnull=True)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )


class Membership(models.Model):
    """An organization and/or a person in an SWG with a role (assessment
    Annex 1.1). Ending a membership sets ``end_date``; rows are never deleted."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        TECHNICAL_LEAD = "technical_lead", _("Technical lead agency")
        SUPPORTING = "supporting", _("Supporting agency")
        MEMBER = "member", _("Member")
        SECRETARIAT = "secretariat", _("Secretariat")
        OBSERVER = "observer", _("Observer")

    swg = models.ForeignKey(
        "swg.SWG",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        "swg.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    contact = models.ForeignKey(
        "swg.Contact",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    task_en = models.CharField(
        _("exact task in the SWG (English)"),
        max_length=300,
        blank=True,
        help_text=_("What this member does for the group (assessment Annex 2d)."),
    )
    task_ar = models.CharField(_("exact task in the SWG (Arabic)"), max_length=300, blank=True)
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["swg", "role", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(contact__isnull=False),
                name="membership_has_member",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self):
        who = self.organization or self.contact
        return f"{who} — {self.get_role_display()}"

    task = bilingual_text("task")

    def get_role_display(self) -> str:
        # Shown on every row of a group's members and contacts (coordination/choices.py).
        return choice_label(self, "role")

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)


class FocalPoint(models.Model):
    """Who represents an organization for a purpose. A change of person is a
    new row and the old one gets an end date (LIBMITAF report: focal points
    are appointed, replaced and sometimes interim)."""

    class Purpose(models.TextChoices):
        SWG = "swg", _("Sector working group")
        PROJECT = "project", _("Project")
        DIALOGUE = "dialogue", _("Dialogue or process")
        GENERAL = "general", _("General coordination")

    organization = models.ForeignKey(
        "swg.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="focal_points",
    )
    contact = models.ForeignKey(
        "swg.Contact",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="focal_points",
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    swg = models.ForeignKey(
        "swg.SWG",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focal_points",
    )
    purpose_detail = models.CharField(
        _("for"), max_length=200, blank=True, help_text=_("For example: Rabat Process")
    )
    appointed_on = models.DateField(_("appointed on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    is_interim = models.BooleanField(_("interim"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ["organization", "purpose", "-appointed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("appointed_on")),
                name="focal_point_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.contact} — {self.get_purpose_display()}"


class SWGAppointment(models.Model):
    """A ministry user's role in one SWG: secretariat or chair (DESIGN §1).
    This is a login's right; the public face is the Membership."""

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        CHAIR = "chair", _("Chair")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="appointments",
    )
    swg = models.ForeignKey(
        "swg.SWG",
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="appointments",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("SWG appointment")
        verbose_name_plural = _("SWG appointments")
        ordering = ["swg", "role"]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.swg})"
