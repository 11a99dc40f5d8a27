"""The results framework (DESIGN §3 "Results framework"; assessment key
function e: joint indicators). It follows the shape of the LIBMITAF logframe
(strategic objective → specific objectives → outcomes → outputs → indicators),
reduced to what an SWG keeps: sector goals, their objectives, and joint
indicators with a baseline, targets and values per period. See docs/domain.md
"Results framework"."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.bilingual import pick_language
from swg.models import SWG

from .projects import Project
from .reference import NationalPriority

# A period is a year, or a quarter of a year; quarter 0 is the whole year.
WHOLE_YEAR = 0
QUARTERS = [
    (WHOLE_YEAR, _("Whole year")),
    (1, _("Q1")),
    (2, _("Q2")),
    (3, _("Q3")),
    (4, _("Q4")),
]


def period_label(year: int, quarter: int) -> str:
    """Short and numeric, as the chart writes it ("2026-Q1", "2026")."""
    return str(year) if quarter == WHOLE_YEAR else f"{year}-Q{quarter}"


def period_key(year: int, quarter: int) -> tuple[int, int]:
    """Sort order: a year's quarters first, then the whole year (its end)."""
    return year, 5 if quarter == WHOLE_YEAR else quarter


class SectorGoal(models.Model):
    """What the sector aims at over the plan's years (the logframe's strategic objective)."""

    swg = models.ForeignKey(
        SWG, verbose_name=_("working group"), on_delete=models.PROTECT, related_name="goals"
    )
    text_en = models.TextField(_("goal (English)"))
    text_ar = models.TextField(_("goal (Arabic)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sector goal")
        verbose_name_plural = _("sector goals")
        ordering = ["swg", "order", "pk"]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return pick_language(self.text_en, self.text_ar)


class Objective(models.Model):
    """A specific objective under a sector goal."""

    goal = models.ForeignKey(
        SectorGoal,
        verbose_name=_("sector goal"),
        on_delete=models.CASCADE,
        related_name="objectives",
    )
    text_en = models.TextField(_("objective (English)"))
    text_ar = models.TextField(_("objective (Arabic)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["goal", "order", "pk"]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return pick_language(self.text_en, self.text_ar)


class Indicator(models.Model):
    """A joint sector indicator: measured under an objective, or for the SWG as
    a whole. Projects linked to it may report values for it in their quarterly
    updates."""

    swg = models.ForeignKey(
        SWG, verbose_name=_("working group"), on_delete=models.PROTECT, related_name="indicators"
    )
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_ar = models.CharField(_("name (Arabic)"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("e.g. %, people, facilities"))
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    national_priority = models.ForeignKey(
        NationalPriority,
        verbose_name=_("national priority"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    projects = models.ManyToManyField(
        Project, verbose_name=_("linked projects"), blank=True, related_name="indicators"
    )

    history = HistoricalRecords(m2m_fields=[projects])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["swg", "objective", "pk"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return pick_language(self.name_en, self.name_ar)

    def clean(self):
        if self.objective_id and self.swg_id and self.objective.goal.swg_id != self.swg_id:
            raise ValidationError({"objective": _("Choose an objective of this working group.")})


class _PeriodValue(models.Model):
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(_("period"), choices=QUARTERS, default=WHOLE_YEAR)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)

    class Meta:
        abstract = True

    @property
    def period(self) -> str:
        return period_label(self.year, self.quarter)

    @property
    def sort_key(self) -> tuple[int, int]:
        return period_key(self.year, self.quarter)


class IndicatorTarget(_PeriodValue):
    """What the indicator should reach by the end of a period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"], name="indicator_target_once_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=0, quarter__lte=4), name="indicator_target_quarter"
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.period} → {self.value}"


class IndicatorMeasurement(_PeriodValue):
    """The value an indicator had in a period."""

    class Source(models.TextChoices):
        SECRETARIAT = "secretariat", _("Entered by the secretariat")
        UPDATES = "updates", _("From quarterly updates")

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.SECRETARIAT
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"],
                name="indicator_measurement_once_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=0, quarter__lte=4),
                name="indicator_measurement_quarter",
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.period} = {self.value}"
