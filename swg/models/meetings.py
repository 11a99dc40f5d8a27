"""Meetings, agendas, invitations, attendance and calendar feed addresses
(DESIGN §3 "Meeting"; assessment Annex 1.1: the MoP secretariat prepares agendas,
sets dates and sends invitations). Minutes and action points are in ``minutes``."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.bilingual import bilingual_text, pick_language


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
    venue_en = models.CharField(_("venue (English)"), max_length=255, blank=True)
    venue_ar = models.CharField(_("venue (Arabic)"), max_length=255, blank=True)
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

    venue = bilingual_text("venue")

    @property
    def place(self) -> str:
        city = self.city_other if self.city == self.City.OTHER else self.get_city_display()
        return ", ".join(p for p in (self.venue, str(city)) if p)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The time the item is expected to start, Tripoli time (the printed agenda).
    time = models.TimeField(_("time"), null=True, blank=True)
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

    class RsvpSource(models.TextChoices):
        NONE = "", _("No answer")
        LINK = "link", _("answer link")
        CALENDAR = "calendar", _("from calendar")

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
    # How the answer came: the signed links of the email and the meeting page,
    # or the invitee's calendar (an iTIP REPLY, swg.services.calendar_replies).
    rsvp_source = models.CharField(
        _("answered through"), max_length=10, choices=RsvpSource.choices, blank=True
    )
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
