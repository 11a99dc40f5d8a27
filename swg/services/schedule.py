"""Sending the monthly meeting schedule (DESIGN §3 "Monthly schedule", §5).

Assessment Annex 2c: "A schedule of SWGs' monthly meetings could be prepared
and distributed to all agencies and the International Community ... at the
beginning of each month". On the first working day of each month every member
and interested partner receives that month's meetings of all SWGs, in their
language, with a calendar file. Every message goes through the outbox under
(purpose, recipient, "schedule:<year>-<month>"), so a second run of the job
sends nothing. What goes out to whom is read by ``swg.selectors.schedule``.

Also here: subscribing to groups one is not a member of, unsubscribing (from
the profile, or by the signed link of the email with its List-Unsubscribe
headers, RFC 2369 and RFC 8058 one-click), and the public holidays' rule.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coordination.emails import normalize_email
from coordination.history import history_attribute
from coordination.outbox import BulkMessage, absolute_url, outbox_enqueue_many, outbox_render

from ..exchange.ical import ical_calendar, ical_event, ics_attachment
from ..models import SWG, Meeting, PublicHoliday, ScheduleOptOut, ScheduleSubscription
from ..selectors.recipients import Recipient
from ..selectors.schedule import (
    PURPOSE,
    ScheduleDelivery,
    first_working_day,
    monthly_schedule_deliveries,
    monthly_schedule_meetings,
    months_without_a_working_first_week,
    schedule_object_key,
)
from .common import refuse

TEMPLATE = "monthly_schedule"
# DESIGN §5: the schedule goes out at 08:00 Tripoli time.
TRIPOLI = ZoneInfo("Africa/Tripoli")
UNSUBSCRIBE_SALT = "swg.schedule.unsubscribe"
# A fixed holiday recurs every year: checking 28 years covers every way the
# weekdays fall on the calendar.
CALENDAR_CYCLE_YEARS = 28


def object_key(year: int, month: int) -> str:
    return schedule_object_key(year, month)


def monthly_schedule_ics(*, meetings: list[Meeting], year: int, month: int) -> str:
    """One calendar with the month's meetings (METHOD:PUBLISH: for information,
    not an invitation), in the active language."""
    name = _("SWG meetings, %(month)s") % {
        "month": date_format(dt.date(year, month, 1), "YEAR_MONTH_FORMAT"),
    }
    events = [ical_event(m, agenda=m.agenda_items.all()) for m in meetings]
    return ical_calendar(events, method="PUBLISH", name=name).to_ical().decode()


# ---------------------------------------------------------------- unsubscribing


def schedule_unsubscribe_token(email: str) -> str:
    """A signed token naming the address; it does not expire (an old email's
    link must still work)."""
    return signing.dumps(normalize_email(email), salt=UNSUBSCRIBE_SALT)


def schedule_unsubscribe_email(token: str) -> str | None:
    """The address a token names, or None if it was altered."""
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def schedule_unsubscribe_url(email: str) -> str:
    return absolute_url(
        reverse("swg:schedule_unsubscribe", args=[schedule_unsubscribe_token(email)])
    )


def schedule_headers(message) -> dict[str, str]:
    """List-Unsubscribe (RFC 2369) and its one-click POST (RFC 8058), so a mail
    program offers "unsubscribe" next to the sender."""
    return {
        "List-Unsubscribe": f"<{schedule_unsubscribe_url(message.recipient_email)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@transaction.atomic
def schedule_opt_out(*, email: str, source: str, by=None) -> bool:
    """Stop sending the schedule to ``email``; True if it was receiving it."""
    email = normalize_email(email)
    if not email or ScheduleOptOut.objects.filter(email=email).exists():
        return False
    history_attribute(ScheduleOptOut(email=email, source=source), by=by).save()
    return True


@transaction.atomic
def schedule_opt_in(*, email: str, by=None) -> bool:
    """Receive the schedule again; True if it had been stopped."""
    opt_out = ScheduleOptOut.objects.filter(email=normalize_email(email)).first()
    if opt_out is None:
        return False
    history_attribute(opt_out, by=by).delete()
    return True


@transaction.atomic
def schedule_subscriptions_set(*, user, swgs: list[SWG], by=None) -> None:
    """The groups, other than their organization's, whose meetings a partner
    receives in the monthly schedule (assessment Annex 2c: the International
    Community "in case they are interested in participating")."""
    wanted = {swg.pk for swg in swgs}
    inactive = [swg for swg in swgs if not swg.is_active]
    if inactive:
        refuse(
            _("%(swg)s is retired and has no meetings to follow.") % {"swg": inactive[0].name},
            "swgs",
        )
    current = {s.swg_id: s for s in ScheduleSubscription.objects.filter(user=user)}
    for swg_id, subscription in current.items():
        if swg_id not in wanted:
            history_attribute(subscription, by=by).delete()
    for swg_id in wanted - set(current):
        history_attribute(ScheduleSubscription(user=user, swg_id=swg_id), by=by).save()


# ---------------------------------------------------------------- public holidays


def public_holiday_check(*, holiday: PublicHoliday) -> None:
    """Refuse a holiday that, with the others, leaves a month without a working
    day in its first week: the schedule would have no day to go out on."""
    others = PublicHoliday.objects.all()
    if holiday.pk:
        others = others.exclude(pk=holiday.pk)
    this_year = timezone.localdate(timezone=TRIPOLI).year
    if holiday.year is not None:
        years = [holiday.year, holiday.year + 1]
    else:
        years = range(this_year, this_year + CALENDAR_CYCLE_YEARS)
    problems = months_without_a_working_first_week(holidays=[*others, holiday], years=years)
    if problems:
        year, month = problems[0]
        refuse(
            _(
                "With this holiday, %(month)s has no working day (Sunday to Thursday) in "
                "its first week, so the monthly schedule could not go out. Shorten the "
                "holiday or correct its dates."
            )
            % {"month": date_format(dt.date(year, month, 1), "F Y")}
        )


# ---------------------------------------------------------------- sending


def _context(*, delivery: ScheduleDelivery, year: int, month: int) -> dict:
    """What every recipient with the same groups shares (the unsubscribe link
    is each person's own, added by the caller)."""
    calendar_url = absolute_url(reverse("swg:calendar_month")) + f"?month={year}-{month:02d}"
    return {
        "month_start": dt.date(year, month, 1),
        "groups": delivery.groups,
        "meeting_count": delivery.meeting_count,
        "calendar_url": calendar_url,
    }


def monthly_schedule_preview(
    *, year: int, month: int, language: str
) -> tuple[str, str, int] | None:
    """(subject, text, meetings) of the month's email as a member receives it
    in ``language``, or None when the month has no meetings."""
    meetings = monthly_schedule_meetings(year=year, month=month, agendas=False)
    if not meetings:
        return None
    (delivery,) = monthly_schedule_deliveries(
        meetings=meetings,
        recipients=[Recipient(email="preview@example.invalid", name="", language=language)],
    )
    with timezone.override(TRIPOLI):
        _language, subject, text, _html = outbox_render(
            template=TEMPLATE,
            context={
                **_context(delivery=delivery, year=year, month=month),
                "unsubscribe_url": schedule_unsubscribe_url(delivery.recipient.email),
            },
            language=language,
            html=False,  # the preview page shows the text part
        )
    return subject, text, delivery.meeting_count


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
    filename = f"swg-meetings-{year}-{month:02d}.ics"
    ics_cache: dict[tuple, str] = {}
    shared: dict[tuple, dict] = {}

    def messages():
        for delivery in monthly_schedule_deliveries(meetings=meetings):
            recipient = delivery.recipient
            language = recipient.language or "en"
            key = (language, recipient.swg_ids)
            if key not in ics_cache:
                with translation.override(language):
                    ics_cache[key] = monthly_schedule_ics(
                        meetings=[m for g in delivery.groups for m in g.meetings]
                        if recipient.swg_ids is not None
                        else meetings,
                        year=year,
                        month=month,
                    )
                shared[key] = _context(delivery=delivery, year=year, month=month)
            # The same groups, hence the same content, for everyone of this key:
            # rendered once, then each person's name and unsubscribe link.
            yield BulkMessage(
                recipient_email=recipient.email,
                recipient_name=recipient.name,
                language=language,
                group=key,
                context=shared[key],
                attachments=[ics_attachment(ics_cache[key], method="PUBLISH", filename=filename)],
                personal={"unsubscribe_url": schedule_unsubscribe_url(recipient.email)},
            )

    # Dates in the email are Tripoli dates and times, whatever the caller's zone.
    with timezone.override(TRIPOLI):
        return outbox_enqueue_many(
            purpose=PURPOSE,
            object_key=object_key(year, month),
            template=TEMPLATE,
            messages=messages(),
        )


def monthly_schedule_send_if_due(*, today: dt.date | None = None) -> int | None:
    """Send this month's schedule when ``today`` (Tripoli date) is the month's
    first working day; returns the messages queued, or None when not due.

    The beat entry fires on days 1-7 so that the first working day is never
    missed (public holidays can push it past the 3rd); on the other days it
    does nothing, and a rerun on the day sends nothing thanks to the outbox."""
    today = today or timezone.localdate(timezone=TRIPOLI)
    if today != first_working_day(today.year, today.month):
        return None
    return monthly_schedule_send(year=today.year, month=today.month)
