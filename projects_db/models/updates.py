"""The quarterly update of each project (DESIGN §3 "Quarterly update"; the
assessment's key function g: the database "should be updated quarterly")."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .projects import Project

# DESIGN §3 "Quarterly update": the deadline defaults to 15 days after the quarter ends.
DEFAULT_DEADLINE_DAYS = 15


def quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> dt.date:
    if quarter == 4:
        return dt.date(year, 12, 31)
    return quarter_start(year, quarter + 1) - dt.timedelta(days=1)


def default_deadline(year: int, quarter: int) -> dt.date:
    return quarter_end(year, quarter) + dt.timedelta(days=DEFAULT_DEADLINE_DAYS)


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


class QuarterSetting(models.Model):
    """A quarter whose deadline differs from the default (``default_deadline``)."""

    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    deadline = models.DateField(_("deadline for updates"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quarter deadline")
        verbose_name_plural = _("quarter deadlines")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="quarter_setting_once"),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarter_setting_1_to_4"
            ),
        ]

    def __str__(self):
        return f"Q{self.quarter} {self.year}: {self.deadline}"

    @classmethod
    def deadline_for(cls, year: int, quarter: int) -> dt.date:
        row = cls.objects.filter(year=year, quarter=quarter).first()
        return row.deadline if row else default_deadline(year, quarter)


class QuarterlyUpdate(models.Model):
    """One project's report for one quarter. ``no_change`` is the explicit
    one-click "nothing changed this quarter" that still counts as a submission."""

    class State(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    # Counted as handed in and waiting for nothing from the partner.
    SUBMITTED_STATES = (State.SUBMITTED, State.ACCEPTED)
    # The partner may still change the update in these states; accepted ones are locked.
    EDITABLE_STATES = (State.NOT_STARTED, State.DRAFT, State.RETURNED)

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="updates"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    narrative = models.TextField(_("progress"), blank=True)
    new_status = models.PositiveSmallIntegerField(
        _("new status"), choices=Project.Status.choices, null=True, blank=True
    )
    new_status_reason = models.TextField(_("reason for the new status"), blank=True)
    disbursed_to_date = models.DecimalField(
        _("disbursed to date"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("In the project's currency."),
    )
    issues = models.TextField(_("issues and risks"), blank=True)
    no_change = models.BooleanField(_("no change this quarter"), default=False)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.NOT_STARTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The first hand-in decides on time or late (assessment key function d: who
    # shares information, and when); a resubmission after a return keeps it.
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("quarterly update")
        verbose_name_plural = _("quarterly updates")
        ordering = ["-year", "-quarter", "project"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "quarter"], name="update_once_per_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="update_quarter_1_to_4"
            ),
        ]
        # The dashboards and the submission board read one quarter's updates of
        # many projects (selectors/submissions.py quarter_sharing): found by the
        # quarter, with the hand-in date in the index.
        indexes = [
            models.Index(
                fields=["year", "quarter", "project"],
                include=["first_submitted_at"],
                name="update_quarter_projects",
            ),
            # A partner's home counts her updates returned for changes: few at any
            # time, found without reading every update of her projects.
            models.Index(
                fields=["project"], condition=models.Q(state="returned"), name="update_returned"
            ),
        ]

    def __str__(self):
        return f"{self.project} — Q{self.quarter} {self.year}"

    @property
    def deadline(self) -> dt.date:
        return QuarterSetting.deadline_for(self.year, self.quarter)

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE_STATES

    @property
    def quarter_label(self) -> str:
        return f"Q{self.quarter} {self.year}"


class IndicatorValue(models.Model):
    """A result reported with an update: a free-text indicator, or one of the
    joint indicators of the results framework the project is linked to."""

    update = models.ForeignKey(
        QuarterlyUpdate,
        verbose_name=_("quarterly update"),
        on_delete=models.CASCADE,
        related_name="indicator_values",
    )
    # DESIGN §3 "Results framework": a value reported against a joint indicator
    # the project is linked to feeds that indicator once the update is accepted.
    indicator = models.ForeignKey(
        "projects_db.Indicator",
        verbose_name=_("joint indicator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_values",
    )
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    comment = models.CharField(_("comment"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.name}: {self.value} {self.unit}".strip()
