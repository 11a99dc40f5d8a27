"""Reads for the monthly meeting schedule (DESIGN §3 "Monthly schedule", §5;
assessment Annex 2c): when it is due and which meetings it lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch

from ..models import SWG, AgendaItem, Meeting
from .meetings import meeting_schedule_for_month

# Libya's weekend is Friday and Saturday; the working week runs Sunday to
# Thursday (DESIGN §5). Public holidays are not known to the portal.
WEEKEND = (4, 5)  # date.weekday(): Friday, Saturday
# Held and circulated meetings stay in (the job may run late in the month from
# the management command); cancelled and postponed ones are left out: a
# postponed meeting's new date is a meeting of its own.
SCHEDULED_STATUSES = (Meeting.Status.PLANNED, Meeting.Status.HELD, Meeting.Status.CIRCULATED)


def first_working_day(year: int, month: int) -> dt.date:
    """The month's first day from Sunday to Thursday (Libya's working week)."""
    day = dt.date(year, month, 1)
    while day.weekday() in WEEKEND:
        day += dt.timedelta(days=1)
    return day


def monthly_schedule_meetings(*, year: int, month: int) -> list[Meeting]:
    """The month's meetings of all active SWGs that will take or took place,
    in date order, with their agendas (for the calendar file)."""
    meetings = Meeting.objects.filter(
        swg__is_active=True, status__in=SCHEDULED_STATUSES
    ).prefetch_related(
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
