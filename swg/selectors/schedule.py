"""Reads for the monthly meeting schedule (DESIGN §3 "Monthly schedule", §5;
assessment Annex 2c): when it is due, which meetings it lists, to whom each
message goes, and who received a month's schedule."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from coordination.emails import normalize_email
from coordination.models import OutboxMessage

from ..models import SWG, AgendaItem, Meeting, Membership, PublicHoliday, ScheduleOptOut
from .meetings import meeting_schedule_for_month
from .recipients import Recipient, monthly_schedule_recipients

# Libya's weekend is Friday and Saturday; the working week runs Sunday to
# Thursday (DESIGN §5). Public holidays (swg.models.PublicHoliday) are skipped.
WEEKEND = (4, 5)  # date.weekday(): Friday, Saturday
# The beat entry runs on days 1-7 (coordination/settings.py), so the holiday
# list must leave a working day within each month's first seven days.
FIRST_WEEK_DAYS = 7
PURPOSE = "schedule.monthly"


def schedule_object_key(year: int, month: int) -> str:
    return f"schedule:{year}-{month:02d}"


def public_holiday_dates(
    *, year: int, holidays: Iterable[PublicHoliday] | None = None
) -> set[dt.date]:
    """The days off in ``year``, a holiday of several days that starts late in
    December included in the next January."""
    holidays = PublicHoliday.objects.all() if holidays is None else holidays
    return {
        day
        for holiday in holidays
        for start_year in (year - 1, year)
        for day in holiday.dates(start_year)
        if day.year == year
    }


def first_working_day(
    year: int, month: int, *, holidays: Iterable[PublicHoliday] | None = None
) -> dt.date | None:
    """The month's first day from Sunday to Thursday that is not a public
    holiday, within its first week; None if the holidays leave none (which
    ``swg.services.schedule.public_holiday_check`` refuses to save)."""
    off = public_holiday_dates(year=year, holidays=holidays)
    day = dt.date(year, month, 1)
    for _ in range(FIRST_WEEK_DAYS):
        if day.weekday() not in WEEKEND and day not in off:
            return day
        day += dt.timedelta(days=1)
    return None


def months_without_a_working_first_week(
    *, holidays: Iterable[PublicHoliday], years: Iterable[int]
) -> list[tuple[int, int]]:
    holidays = list(holidays)
    return [
        (year, month)
        for year in years
        for month in range(1, 13)
        if first_working_day(year, month, holidays=holidays) is None
    ]


# Held and circulated meetings stay in (the job may run late in the month from
# the management command); cancelled and postponed ones are left out: a
# postponed meeting's new date is a meeting of its own.
SCHEDULED_STATUSES = (Meeting.Status.PLANNED, Meeting.Status.HELD, Meeting.Status.CIRCULATED)


def monthly_schedule_meetings(*, year: int, month: int, agendas: bool = True) -> list[Meeting]:
    """The month's meetings of all active SWGs that will take or took place,
    in date order, with their agendas (for the calendar file) unless
    ``agendas`` is False (the email's text does not show them)."""
    meetings = Meeting.objects.filter(swg__is_active=True, status__in=SCHEDULED_STATUSES)
    if agendas:
        meetings = meetings.prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "pk"))
        )
    return meeting_schedule_for_month(meetings=meetings, year=year, month=month)


@dataclass
class ScheduleGroup:
    swg: SWG
    meetings: list[Meeting]


def monthly_schedule_groups(meetings: list[Meeting]) -> list[ScheduleGroup]:
    """The meetings grouped by SWG, groups in SWG order (number, then name),
    each group's meetings in date order."""
    groups: dict[int, ScheduleGroup] = {}
    for meeting in meetings:
        groups.setdefault(meeting.swg_id, ScheduleGroup(swg=meeting.swg, meetings=[]))
        groups[meeting.swg_id].meetings.append(meeting)
    return sorted(
        groups.values(),
        key=lambda g: (g.swg.number is None, g.swg.number or 0, g.swg.name_en, g.swg.pk),
    )


@dataclass
class ScheduleDelivery:
    recipient: Recipient
    groups: list[ScheduleGroup]
    meeting_count: int


def monthly_schedule_deliveries(
    *, meetings: list[Meeting], recipients: list[Recipient] | None = None
) -> list[ScheduleDelivery]:
    """What each recipient gets: the groups they follow (all of them, for
    members and the coordination team) with their meetings; someone whose
    groups have no meeting that month gets nothing."""
    recipients = monthly_schedule_recipients() if recipients is None else recipients
    groups = monthly_schedule_groups(meetings)
    deliveries = []
    for recipient in recipients:
        mine = [g for g in groups if recipient.swg_ids is None or g.swg.pk in recipient.swg_ids]
        if mine:
            deliveries.append(ScheduleDelivery(recipient, mine, sum(len(g.meetings) for g in mine)))
    return deliveries


def monthly_schedule_language_counts(deliveries: list[ScheduleDelivery]) -> dict[str, int]:
    return dict(sorted(Counter(d.recipient.language for d in deliveries).items()))


def monthly_schedule_sent(*, year: int, month: int) -> QuerySet:
    """Who received (or is due to receive) a month's schedule, from the outbox."""
    return OutboxMessage.objects.filter(
        purpose=PURPOSE, object_key=schedule_object_key(year, month)
    ).order_by("recipient_email")


def schedule_is_received(*, email: str) -> bool:
    """Whether ``email`` has not unsubscribed from the schedule."""
    return not ScheduleOptOut.objects.filter(email=normalize_email(email)).exists()


def schedule_subscription_choices(*, user) -> QuerySet:
    """The active groups a partner may follow: those their organization is not
    a member of (its own groups' meetings come anyway)."""
    member_of = Membership.objects.active().filter(organization_id=user.organization_id)
    return (
        SWG.objects.filter(is_active=True)
        .exclude(pk__in=member_of.values("swg_id"))
        .order_by("number", "name_en")
    )


def schedule_subscribed_swgs(*, user) -> QuerySet:
    return SWG.objects.filter(schedule_subscriptions__user=user)
