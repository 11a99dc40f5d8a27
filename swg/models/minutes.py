"""Minutes and action points (DESIGN §3 "Meeting"; assessment Annex 1.1: the
MoP secretariat prepares and circulates the minutes, decisions are followed up
from meeting to meeting)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.bilingual import bilingual_text

from .meetings import AgendaItem, Meeting


class Minutes(models.Model):
    """One version of a meeting's minutes. Approved minutes are locked; a
    correction is a new version that points at the one it replaces."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to the chair")
        RETURNED = "returned", _("Returned with comments")
        APPROVED = "approved", _("Approved")
        CIRCULATED = "circulated", _("Circulated")

    # A draft, or a draft the chair sent back, is still written; the others are not.
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="minutes"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    # The other language's text beside the original (DESIGN §2), added by the
    # secretariat and approved by the chair with it.
    summary_translation = models.TextField(_("summary (translation)"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    attendance_text = models.TextField(_("attendance"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    returned_comment = models.TextField(_("chair's comment"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="minutes_version_once"),
        ]
        # The latest circulated minutes first (a partner's home page,
        # selectors/home.py): read newest-first, stopping at the few shown.
        indexes = [
            models.Index(
                models.F("circulated_at").desc(),
                models.F("id").desc(),
                condition=models.Q(status="circulated"),
                name="minutes_circulated_newest",
            ),
        ]

    def __str__(self):
        return f"{self.meeting} — v{self.version}"

    def get_absolute_url(self):
        return reverse("swg:minutes_detail", args=[self.meeting_id, self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status in {self.Status.APPROVED, self.Status.CIRCULATED}

    @property
    def translation_language(self) -> str:
        """The language a translation of these minutes is written in."""
        return "en" if self.language == "ar" else "ar"


class MinutesItem(models.Model):
    """Per agenda item: what was discussed and decided."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="items"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("item"), max_length=300)
    discussion = models.TextField(_("discussion"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    title_translation = models.CharField(_("item (translation)"), max_length=300, blank=True)
    discussion_translation = models.TextField(_("discussion (translation)"), blank=True)
    decisions_translation = models.TextField(_("decisions (translation)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes item")
        verbose_name_plural = _("minutes items")
        ordering = ["minutes", "order", "pk"]

    def __str__(self):
        return self.title


class ActionPointQuerySet(models.QuerySet):
    def circulated(self):
        """Points the members have received: those agreed in circulated minutes,
        and those recorded outside any minutes. Until the minutes are circulated
        a point is draft content (DESIGN §3 "Meeting": draft → approved by the
        chair → circulated), so it is never copied where partners read it."""
        return self.filter(CIRCULATED_ACTION_POINTS)


# The condition of ``ActionPointQuerySet.circulated``, for scopes that combine it.
CIRCULATED_ACTION_POINTS = models.Q(minutes_item__isnull=True) | models.Q(
    minutes_item__minutes__status=Minutes.Status.CIRCULATED
)


class ActionPoint(models.Model):
    """A follow-up owned by an organization; carried from meeting to meeting
    until it is done or dropped."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    swg = models.ForeignKey(
        "swg.SWG",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="action_points",
    )
    source_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("agreed at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_points",
    )
    minutes_item = models.ForeignKey(
        MinutesItem,
        verbose_name=_("minutes item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_points",
    )
    description_en = models.TextField(_("action (English)"), blank=True)
    description_ar = models.TextField(_("action (Arabic)"), blank=True)
    owner_organization = models.ForeignKey(
        "swg.Organization",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="action_points",
    )
    owner_contact = models.ForeignKey(
        "swg.Contact",
        verbose_name=_("person responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_points",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # The latest word on how it is going; each earlier note stays in the history
    # with who wrote it and when (the action point's page lists them).
    progress_note = models.TextField(_("progress note"), blank=True)
    # Stored by the database from ``status``, so that lists can put open points
    # first through an index (docs/architecture.md "Benchmarks"): a computed
    # ordering would sort every point of the group on each page.
    is_closed = models.GeneratedField(
        expression=models.Case(
            models.When(status__in=("done", "dropped"), then=models.Value(True)),
            default=models.Value(False),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )

    # ``is_closed`` follows ``status``: the history keeps the status only.
    history = HistoricalRecords(excluded_fields=["is_closed"])

    objects = ActionPointQuerySet.as_manager()

    class Meta:
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["due_date", "pk"]
        indexes = [
            # Per group and per owner: open first, by due date (action_point_rows);
            # the open ones carried to a group's next meeting.
            models.Index(
                fields=["swg", "is_closed", "due_date", "id"], name="action_point_swg_list"
            ),
            models.Index(
                fields=["owner_organization", "is_closed", "due_date", "id"],
                name="action_point_owner_list",
            ),
        ]

    def __str__(self):
        return self.description[:80]

    description = bilingual_text("description")

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES
