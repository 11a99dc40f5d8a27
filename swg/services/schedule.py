"""Sending the monthly meeting schedule (DESIGN §3 "Monthly schedule", §5).

Assessment Annex 2c: "A schedule of SWGs' monthly meetings could be prepared
and distributed to all agencies and the International Community ... at the
beginning of each month". On the first working day of each month every member
and interested partner receives that month's meetings of all SWGs, in their
language, with a calendar file. Every message goes through the outbox under
(purpose, recipient, "schedule:<year>-<month>"), so a second run of the job
sends nothing. What goes out to whom is read by ``swg.selectors.schedule``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coordination.outbox import absolute_url, outbox_enqueue

from ..exchange.ical import ical_calendar, ical_event, ics_attachment
from ..models import Meeting
from ..selectors.recipients import monthly_schedule_recipients
from ..selectors.schedule import (
    first_working_day,
    monthly_schedule_groups,
    monthly_schedule_meetings,
)

PURPOSE = "schedule.monthly"
TEMPLATE = "monthly_schedule"
# DESIGN §5: the schedule goes out at 08:00 Tripoli time.
TRIPOLI = ZoneInfo("Africa/Tripoli")


def object_key(year: int, month: int) -> str:
    return f"schedule:{year}-{month:02d}"


def monthly_schedule_ics(*, meetings: list[Meeting], year: int, month: int) -> str:
    """One calendar with the month's meetings (METHOD:PUBLISH: for information,
    not an invitation), in the active language."""
    name = _("SWG meetings, %(month)s") % {
        "month": date_format(dt.date(year, month, 1), "YEAR_MONTH_FORMAT"),
    }
    events = [ical_event(m, agenda=m.agenda_items.all()) for m in meetings]
    return ical_calendar(events, method="PUBLISH", name=name).to_ical().decode()


@transaction.atomic
def monthly_schedule_send(*, year: int, month: int) -> int:
    """Queue the month's schedule to every recipient; returns how many messages
    were queued now (0 on a second run: the outbox stores each one once)."""
    meetings = monthly_schedule_meetings(year=year, month=month)
    if not meetings:
        # Decision: a month without meetings sends nothing. A note saying so to
        # every member and partner would be noise; the portal's calendar shows
        # the month either way.
        return 0
    groups = monthly_schedule_groups(meetings)
    month_start = dt.date(year, month, 1)
    calendar_url = absolute_url(reverse("swg:calendar_month")) + f"?month={year}-{month:02d}"
    filename = f"swg-meetings-{year}-{month:02d}.ics"
    ics_by_language: dict[str, str] = {}
    created = 0
    # Dates in the email are Tripoli dates and times, whatever the caller's zone.
    with timezone.override(TRIPOLI):
        for recipient in monthly_schedule_recipients():
            language = recipient.language or "en"
            if language not in ics_by_language:
                with translation.override(language):
                    ics_by_language[language] = monthly_schedule_ics(
                        meetings=meetings, year=year, month=month
                    )
            _message, is_new = outbox_enqueue(
                purpose=PURPOSE,
                object_key=object_key(year, month),
                recipient_email=recipient.email,
                recipient_name=recipient.name,
                language=language,
                template=TEMPLATE,
                context={
                    "month_start": month_start,
                    "groups": groups,
                    "meeting_count": len(meetings),
                    "calendar_url": calendar_url,
                },
                attachments=[
                    ics_attachment(ics_by_language[language], method="PUBLISH", filename=filename)
                ],
            )
            created += is_new
    return created


def monthly_schedule_send_if_due(*, today: dt.date | None = None) -> int | None:
    """Send this month's schedule when ``today`` (Tripoli date) is the month's
    first working day; returns the messages queued, or None when not due.

    The beat entry fires on days 1-3 so that the first working day is never
    missed (it is at most the 3rd: a month starting on a Friday); on the other
    days it does nothing, and a rerun on the day sends nothing thanks to the
    outbox."""
    today = today or timezone.localdate(timezone=TRIPOLI)
    if today != first_working_day(today.year, today.month):
        return None
    return monthly_schedule_send(year=today.year, month=today.month)
