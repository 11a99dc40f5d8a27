"""Meetings, agendas, invitations, attendance, minutes and action points
(DESIGN §3 "Meeting"; assessment Annex 1.1: the MoP secretariat prepares agendas,
sets dates, sends invitations, prepares and circulates minutes)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .bilingual import pick_language


class Meeting(models.Model):
    class Kind(models.TextChoices):
        SWG = "swg", _("SWG meeting")
        POLICY = "policy", _("Policy-level liaison")
        BILATERAL = "bilateral", _("Bilateral meeting")
        WORKSHOP = "workshop", _("Workshop")
        CONSULTATION = "consultation", _("Consultation")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CIRCULATED = "circulated", _("Minutes circulated")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")

    class City(models.TextChoices):
        TRIPOLI = "tripoli", _("Tripoli")
        TUNIS = "tunis", _("Tunis")
        OTHER = "other", _("Other city")
        ONLINE = "online", _("Online only")

    swg = models.ForeignKey(
        "swg.SWG",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SWG)
    is_formal = models.BooleanField(
        _("formal"), default=True, help_text=_("Informal meetings need no minutes.")
    )
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    city = models.CharField(_("city"), max_length=20, choices=City.choices, default=City.TRIPOLI)
    city_other = models.CharField(_("other city"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    postponed_to = models.ForeignKey(
        "self",
        verbose_name=_("postponed to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="postponed_from",
    )
    # iCalendar identity: the UID never changes, SEQUENCE rises with each change
    # that invitees must see (RFC 5546).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
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
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("swg:meeting_detail", args=[self.pk])

    @property
    def title(self) -> str:
        return pick_language(self.title_en, self.title_ar)

    @property
    def place(self) -> str:
        city = self.city_other if self.city == self.City.OTHER else self.get_city_display()
        return ", ".join(p for p in (self.venue, str(city)) if p)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_en = models.CharField(_("item (English)"), max_length=300, blank=True)
    title_ar = models.CharField(_("item (Arabic)"), max_length=300, blank=True)
    presenter = models.ForeignKey(
        "swg.Contact",
        verbose_name=_("presenter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    document_url = models.URLField(_("linked document"), blank=True)
    action_point = models.ForeignKey(
        "swg.ActionPoint",
        verbose_name=_("follows up action point"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return pick_language(self.title_en, self.title_ar)


class Invitation(models.Model):
    """One invitee of one meeting: a member's person or an ad-hoc invitee, who is
    never made a member by the invitation (assessment Annex 1.1)."""

    class Rsvp(models.TextChoices):
        NONE = "", _("No answer")
        ACCEPTED = "accepted", _("Accepted")
        TENTATIVE = "tentative", _("Tentative")
        DECLINED = "declined", _("Declined")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    contact = models.ForeignKey(
        "swg.Contact",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    is_ad_hoc = models.BooleanField(_("ad-hoc invitee"), default=False)
    rsvp = models.CharField(_("answer"), max_length=20, choices=Rsvp.choices, blank=True)
    rsvp_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "contact__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "contact"], name="invitation_once"),
        ]

    def __str__(self):
        return f"{self.contact} → {self.meeting}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    contact = models.ForeignKey(
        "swg.Contact",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    # The organization the person represented that day: government participation
    # is counted from it even if the person later moves.
    organization = models.ForeignKey(
        "swg.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    is_walk_in = models.BooleanField(_("walk-in"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "contact__name_en"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "contact"], name="attendance_once"),
        ]

    def __str__(self):
        return f"{self.contact}: {self.get_status_display()}"


class Minutes(models.Model):
    """One version of a meeting's minutes. Approved minutes are locked; a
    correction is a new version that points at the one it replaces."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to the chair")
        RETURNED = "returned", _("Returned with comments")
        APPROVED = "approved", _("Approved")
        CIRCULATED = "circulated", _("Circulated")

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

    def __str__(self):
        return f"{self.meeting} — v{self.version}"

    def get_absolute_url(self):
        return reverse("swg:minutes_detail", args=[self.meeting_id, self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status in {self.Status.APPROVED, self.Status.CIRCULATED}


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

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes item")
        verbose_name_plural = _("minutes items")
        ordering = ["minutes", "order", "pk"]

    def __str__(self):
        return self.title


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
    description = models.TextField(_("action"))
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

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.description[:80]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class CalendarToken(models.Model):
    """A private, revocable address for a user's iCalendar feed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


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
