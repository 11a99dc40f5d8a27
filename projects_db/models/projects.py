"""A technical-assistance project (DESIGN §3 "Project"; assessment key function
g), shaped after an IATI activity so that nothing is lost in exchange: the
status, participant roles, budgets and transactions use IATI's codes."""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.bilingual import pick_language

from .reference import District, NationalPriority, currency_code

dac_code = RegexValidator(r"^\d{5}$", _("An OECD DAC purpose code has five digits."))


class Project(models.Model):
    class Status(models.IntegerChoices):
        """IATI ActivityStatus codelist; the labels are DESIGN §3's words."""

        PIPELINE = 1, _("Pipeline")
        ONGOING = 2, _("Ongoing")
        FINALISATION = 3, _("Completing")
        COMPLETED = 4, _("Completed")
        CANCELLED = 5, _("Cancelled")
        ON_HOLD = 6, _("On hold")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    # A project runs (and owes quarterly updates) while it is in these states.
    ACTIVE_STATUSES = (Status.ONGOING, Status.FINALISATION)

    iati_identifier = models.CharField(
        _("IATI identifier"),
        max_length=150,
        blank=True,
        help_text=_("The activity's IATI identifier, when it is published to IATI."),
    )
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ar = models.TextField(_("description (Arabic)"), blank=True)
    owner = models.ForeignKey(
        "swg.Organization",
        verbose_name=_("reporting organization"),
        on_delete=models.PROTECT,
        related_name="owned_projects",
        help_text=_("Its focal points keep the project up to date."),
    )
    swg = models.ForeignKey(
        "swg.SWG",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    subsector = models.ForeignKey(
        "swg.Subsector",
        verbose_name=_("subsector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    dac_sector = models.CharField(
        _("OECD DAC sector"), max_length=5, blank=True, validators=[dac_code]
    )
    national_priority = models.ForeignKey(
        NationalPriority,
        verbose_name=_("national priority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    status = models.PositiveSmallIntegerField(
        _("status"), choices=Status.choices, default=Status.PIPELINE
    )
    status_reason = models.TextField(
        _("reason for the status"), blank=True, help_text=_("Required when on hold.")
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    nationwide = models.BooleanField(_("nationwide"), default=False)
    districts = models.ManyToManyField(
        District, verbose_name=_("districts"), blank=True, related_name="projects"
    )
    beneficiaries = models.ManyToManyField(
        "swg.Organization",
        verbose_name=_("beneficiary institutions"),
        blank=True,
        related_name="beneficiary_of_projects",
        limit_choices_to={"org_type__in": ("ministry", "gov_body")},
    )
    currency = models.CharField(
        _("currency"), max_length=3, default="USD", validators=[currency_code]
    )
    comments = models.TextField(_("comments"), blank=True)
    state = models.CharField(
        _("publication"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-planned_start", "title_en", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="project_iati_identifier_unique",
            ),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="project_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=F("actual_start")),
                name="project_actual_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=6) | ~Q(status_reason=""),
                name="project_on_hold_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "status"]),
            # A partner's own projects (her home's counts, her list) by state.
            models.Index(fields=["owner", "state"], name="project_owner_state"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects_db:project_detail", args=[self.pk])

    @property
    def title(self) -> str:
        return pick_language(self.title_en, self.title_ar) or f"#{self.pk}"

    @property
    def description(self) -> str:
        return pick_language(self.description_en, self.description_ar)

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if not self.title_en.strip() and not self.title_ar.strip():
            errors["title_en"] = _("Give the title in English or Arabic (or both).")
        if self.subsector_id and self.swg_id and self.subsector.swg_id != self.swg_id:
            errors["subsector"] = _("This subsector belongs to another working group.")
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The end is before the start.")
        if self.actual_start and self.actual_end and self.actual_end < self.actual_start:
            errors["actual_end"] = _("The end is before the start.")
        if self.status == self.Status.ON_HOLD and not self.status_reason.strip():
            errors["status_reason"] = _("Say why the project is on hold.")
        if errors:
            raise ValidationError(errors)


class ProjectParticipant(models.Model):
    """An organization taking part, with its IATI OrganisationRole."""

    class Role(models.IntegerChoices):
        FUNDING = 1, _("Funding (donor)")
        ACCOUNTABLE = 2, _("Accountable")
        EXTENDING = 3, _("Extending")
        IMPLEMENTING = 4, _("Implementing")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="participants"
    )
    organization = models.ForeignKey(
        "swg.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="project_roles",
    )
    role = models.PositiveSmallIntegerField(_("role"), choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participating organization")
        verbose_name_plural = _("participating organizations")
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organization", "role"], name="participant_once_per_role"
            )
        ]

    def __str__(self):
        return f"{self.organization} — {self.get_role_display()}"


class ProjectBudget(models.Model):
    """One budget line, normally a year (IATI budget)."""

    class Status(models.IntegerChoices):
        INDICATIVE = 1, _("Indicative")
        COMMITTED = 2, _("Committed")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="budgets"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, validators=[currency_code])
    status = models.PositiveSmallIntegerField(
        _("budget status"), choices=Status.choices, default=Status.INDICATIVE
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["period_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="budget_end_after_start"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="budget_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.period_start:%Y}: {self.value} {self.currency}"


class Transaction(models.Model):
    """Money promised or moved (IATI TransactionType). The portfolio's funding
    status (DESIGN §3: committed / pledged / disbursed / gap) adds these up."""

    class Type(models.IntegerChoices):
        INCOMING_FUNDS = 1, _("Incoming funds")
        COMMITMENT = 2, _("Commitment")
        DISBURSEMENT = 3, _("Disbursement")
        EXPENDITURE = 4, _("Expenditure")
        INCOMING_COMMITMENT = 11, _("Incoming commitment")
        PLEDGE = 12, _("Pledge")
        INCOMING_PLEDGE = 13, _("Incoming pledge")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="transactions"
    )
    type = models.PositiveSmallIntegerField(_("type"), choices=Type.choices)
    value = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, validators=[currency_code])
    value_date = models.DateField(_("value date"))
    provider = models.ForeignKey(
        "swg.Organization",
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    receiver = models.ForeignKey(
        "swg.Organization",
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        ordering = ["value_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="transaction_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_type_display()} {self.value} {self.currency} ({self.value_date})"


class DuplicatePair(models.Model):
    """Two projects of different organizations that look alike: same subsector,
    overlapping places and periods, similar titles (DESIGN §4: "projects of
    different partners in the same subsector, district and period"). Written
    when either is saved; ``project_a`` has the smaller id. A pair the
    secretariat marked complementary stays, so it is not flagged again."""

    class Decision(models.TextChoices):
        FLAGGED = "flagged", _("Flagged")
        COMPLEMENTARY = "complementary", _("Reviewed — complementary")

    project_a = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    project_b = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    similarity = models.FloatField(_("title similarity"))
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, default=Decision.FLAGGED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("possible duplication")
        verbose_name_plural = _("possible duplications")
        ordering = ["-found_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project_a", "project_b"], name="duplicate_pair_once"),
            models.CheckConstraint(
                condition=Q(project_a__lt=F("project_b")), name="duplicate_pair_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.project_a_id} ~ {self.project_b_id}"
