"""iCalendar for meetings: invitations, cancellations and feeds (DESIGN §3
"Meeting", "Exchange": meetings export as iCalendar).

One small function per component, as in akvo-rsr's IATI elements. Times carry
``TZID=Africa/Tripoli`` and the calendar carries its VTIMEZONE, so a client in
Geneva or Tunis shows the meeting at the right hour (RFC 5545 §3.2.19).
Invitations follow iTIP (RFC 5546): a stable UID per meeting, a SEQUENCE that
rises with each change the invitees must see, METHOD:REQUEST to invite or
update and METHOD:CANCEL to cancel.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from email.utils import parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from coordination.bidi import bdi_text
from coordination.outbox import absolute_url

from ..models import Invitation, Meeting

PRODID = "-//Ministry of Planning Libya//SWG Coordination Portal//EN"

PARTSTAT = {
    Invitation.Rsvp.NONE: "NEEDS-ACTION",
    Invitation.Rsvp.ACCEPTED: "ACCEPTED",
    Invitation.Rsvp.TENTATIVE: "TENTATIVE",
    Invitation.Rsvp.DECLINED: "DECLINED",
}

# What a calendar client should show for each meeting status.
EVENT_STATUS = {
    Meeting.Status.PLANNED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CIRCULATED: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
    Meeting.Status.POSTPONED: "CANCELLED",
}


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def meeting_uid(meeting: Meeting) -> str:
    """Never changes for a meeting, so every update replaces the same event."""
    return f"{meeting.uid}@{site_host()}"


def local_time(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value, ZoneInfo(settings.TIME_ZONE))


def meeting_location(meeting: Meeting) -> str:
    parts = []
    if meeting.city != Meeting.City.ONLINE:
        parts.append(meeting.place)
    if meeting.online_url:
        parts.append(meeting.online_url)
    return " · ".join(parts) or meeting.place


def meeting_description(meeting: Meeting, agenda: Iterable | None = None) -> str:
    lines = [f"{bdi_text(meeting.swg.name)} — {meeting.get_kind_display()}"]
    if not meeting.is_formal:
        lines.append(_("Informal meeting"))
    if meeting.status_reason and meeting.status in (
        Meeting.Status.CANCELLED,
        Meeting.Status.POSTPONED,
    ):
        lines.append(meeting.status_reason)
    items = list(agenda) if agenda is not None else []
    if items:
        lines.append("")
        lines.append(_("Agenda"))
        lines.extend(f"{n}. {bdi_text(item.title)}" for n, item in enumerate(items, start=1))
    if meeting.online_url:
        lines.append("")
        lines.append(_("Online link: %(url)s") % {"url": meeting.online_url})
    lines.append("")
    lines.append(absolute_url(meeting.get_absolute_url()))
    return "\n".join(lines)


def ical_organizer() -> vCalAddress:
    """The ORGANIZER is where calendar clients send the invitee's Accept /
    Decline (iTIP REPLY, RFC 5546 §3.2.3): the replies mailbox the portal
    reads (``CALENDAR_REPLIES_ADDRESS``, ``swg.services.calendar_replies``),
    else the sender address."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if settings.CALENDAR_REPLIES_ADDRESS:
        address = settings.CALENDAR_REPLIES_ADDRESS
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(name or _("SWG Coordination Portal"))
    return organizer


def ical_attendee(invitation: Invitation) -> vCalAddress:
    contact = invitation.contact
    attendee = vCalAddress(f"mailto:{contact.email}")
    attendee.params["cn"] = vText(contact.name)
    attendee.params["role"] = vText(
        "OPT-PARTICIPANT" if invitation.is_ad_hoc else "REQ-PARTICIPANT"
    )
    attendee.params["partstat"] = vText(PARTSTAT.get(invitation.rsvp, "NEEDS-ACTION"))
    attendee.params["rsvp"] = vText("TRUE")
    return attendee


def ical_event(
    meeting: Meeting,
    *,
    agenda: Iterable | None = None,
    attendee: Invitation | None = None,
    cancelled: bool = False,
) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    if meeting.created_at:
        event.add("created", meeting.created_at.astimezone(dt.UTC))
    event.add("dtstart", local_time(meeting.starts_at))
    event.add("dtend", local_time(meeting.ends_at))
    event.add("summary", meeting.title)
    event.add("location", meeting_location(meeting))
    event.add("description", meeting_description(meeting, agenda))
    event.add("url", absolute_url(meeting.get_absolute_url()))
    event.add("categories", [meeting.swg.name])
    event.add("status", "CANCELLED" if cancelled else EVENT_STATUS[meeting.status])
    event.add("organizer", ical_organizer())
    if attendee is not None:
        event.add("attendee", ical_attendee(attendee))
    return event


def ical_calendar(
    events: Iterable[Event], *, method: str | None = None, name: str = ""
) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        cal.add_component(event)
    # The VTIMEZONE for every TZID the events use (RFC 5545 §3.6.5).
    for position, tzid in enumerate(sorted(cal.get_missing_tzids())):
        vtimezone = _vtimezone(tzid)
        if vtimezone is not None:
            cal.subcomponents.insert(position, vtimezone)
    return cal


@functools.cache
def _vtimezone(tzid: str) -> Timezone | None:
    """icalendar's VTIMEZONE for ``tzid`` (what ``add_missing_timezones``
    adds), built once per process: building it walks decades of the zone's
    transitions, which for invitations to many people was most of the work.
    Calendars share it and only serialise it."""
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:  # a zone icalendar does not know is left out, as it does
        return None


def invitation_ics(*, invitation: Invitation, agenda: Iterable | None = None) -> str:
    """METHOD:REQUEST for one invitee (only themselves as ATTENDEE, so no
    invitee learns the others' addresses)."""
    event = ical_event(invitation.meeting, agenda=agenda, attendee=invitation)
    return ical_calendar([event], method="REQUEST").to_ical().decode()


def cancellation_ics(*, invitation: Invitation) -> str:
    event = ical_event(invitation.meeting, attendee=invitation, cancelled=True)
    return ical_calendar([event], method="CANCEL").to_ical().decode()


def meetings_feed(*, meetings: Iterable[Meeting], name: str) -> bytes:
    """A subscribable calendar. ``meetings`` should have ``agenda_items``
    prefetched; cancelled and postponed meetings stay in with STATUS:CANCELLED
    so subscribed calendars drop them."""
    events = [ical_event(m, agenda=m.agenda_items.all()) for m in meetings]
    cal = ical_calendar(events, method="PUBLISH", name=name)
    cal.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    return cal.to_ical()


ICS_MIMETYPE = "text/calendar"
# A scheduling message (REQUEST, CANCEL) travels twice, as Google Calendar and
# Thunderbird send it: as ``text/calendar; method=…`` inside the
# multipart/alternative, which is what Outlook turns into a meeting request
# (MS-OXCMAIL 2.2.3.5, RFC 6047 §2.4), and as an ``application/ics`` file
# that any client can open; a second text/calendar part would be offered twice.
ICS_FILE_MIMETYPE = "application/ics"
SCHEDULING_METHODS = frozenset({"REQUEST", "CANCEL"})


def ics_attachment(content: str, *, method: str, filename: str = "invite.ics") -> dict:
    """An outbox attachment; the ``method`` parameter lets mail clients show
    the Accept/Decline bar for it."""
    if method in SCHEDULING_METHODS:
        return {
            "filename": filename,
            "mimetype": ICS_FILE_MIMETYPE,
            "content": content,
            "alternative": f"{ICS_MIMETYPE}; method={method}",
        }
    return {
        "filename": filename,
        "mimetype": f"{ICS_MIMETYPE}; method={method}",
        "content": content,
    }
