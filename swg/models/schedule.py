"""What the monthly schedule needs beyond the meetings (DESIGN §3 "Monthly
schedule", §5; assessment Annex 2c: the schedule goes "at the beginning of each
month" to all agencies and to the International Community "in case they are
interested"): Libya's public holidays, which the first-working-day rule skips,
and who asked to receive it or to stop receiving it."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.bilingual import BilingualName


class PublicHoliday(BilingualName):
    """A public holiday: a fixed one recurs every year on its day (``year``
    empty); a movable religious one is entered for its year, with its length
    in days (the Eids last several days)."""

    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    day = models.PositiveSmallIntegerField(
        _("day"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        help_text=_("Empty for a holiday on the same day every year."),
    )
    days = models.PositiveSmallIntegerField(
        _("number of days"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["year", "month", "day"]

    def dates(self, year: int) -> list[dt.date]:
        """The days off this holiday gives in ``year`` (none if it is another
        year's, or a 29 February in a common year)."""
        if self.year is not None and self.year != year:
            return []
        try:
            start = dt.date(year, self.month, self.day)
        except ValueError:
            return []
        return [start + dt.timedelta(days=n) for n in range(self.days)]


class ScheduleSubscription(models.Model):
    """A partner follows a group they are not a member of: its meetings come
    in their monthly schedule."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="schedule_subscriptions",
    )
    swg = models.ForeignKey(
        "swg.SWG",
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="schedule_subscriptions",
    )
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("schedule subscription")
        verbose_name_plural = _("schedule subscriptions")
        ordering = ["user", "swg"]
        constraints = [
            models.UniqueConstraint(fields=["user", "swg"], name="schedule_subscription_once"),
        ]

    def __str__(self):
        return f"{self.user} → {self.swg}"


class ScheduleOptOut(models.Model):
    """An address that asked not to receive the monthly schedule (from the
    profile, or by the signed link of the email)."""

    class Source(models.TextChoices):
        PROFILE = "profile", _("Profile")
        LINK = "link", _("Link in the email")

    email = models.EmailField(_("email"), unique=True)
    source = models.CharField(_("how"), max_length=10, choices=Source.choices)
    created_at = models.DateTimeField(_("unsubscribed at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("schedule unsubscription")
        verbose_name_plural = _("schedule unsubscriptions")
        ordering = ["email"]

    def __str__(self):
        return self.email
