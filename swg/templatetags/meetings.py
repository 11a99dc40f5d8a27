"""``{% load meetings %}``: a meeting's status badges and its date, time and
place, the way every meeting page and list shows them.

Written in Python rather than as included templates: the group page and the
calendar list show them on every row, and an include costs more than the text
it writes (bench/README.md). ``swg/meetings/_status.html`` and
``_when_where.html`` call these tags, so pages showing one meeting keep their
include.
"""

from django import template
from django.utils import dateformat
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

from coordination.templatetags.bidi import bdi, bdi_date
from coordination.templatetags.choices import choice_label

from ..models import Meeting

register = template.Library()

STATUS_BADGES = {
    Meeting.Status.PLANNED: "text-bg-primary",
    Meeting.Status.HELD: "text-bg-info",
    Meeting.Status.CIRCULATED: "text-bg-success",
    Meeting.Status.CANCELLED: "text-bg-danger",
}


@register.simple_tag
def meeting_status(meeting):
    """The status badge, and "Informal" for an informal meeting."""
    badge = STATUS_BADGES.get(meeting.status, "text-bg-warning")
    label = escape(choice_label(meeting, "status"))
    html = f'<span class="badge {badge}" data-testid="meeting-status">{label}</span>'
    if not meeting.is_formal:
        html += f' <span class="badge text-bg-light border">{escape(gettext("Informal"))}</span>'
    return mark_safe(html)


@register.simple_tag
def meeting_when_where(meeting):
    """Weekday and date, start and end times (Tripoli time; the end's day when
    it is another day), the place and whether it is also online."""
    starts, ends = localtime(meeting.starts_at), localtime(meeting.ends_at)
    end_day = "" if ends.date() == starts.date() else f"{bdi_date(ends, 'MONTH_DAY_FORMAT')} "
    html = (
        f'<span class="text-nowrap">{bdi_date(starts, "WEEKDAY_DATE_FORMAT")}</span>, '
        f'<span dir="ltr" class="text-nowrap">{dateformat.time_format(starts, "H:i")}–'
        f"{end_day}{dateformat.time_format(ends, 'H:i')}</span> · {bdi(meeting.place)}"
    )
    if meeting.online_url and meeting.city != Meeting.City.ONLINE:
        html += f" · {escape(gettext('and online'))}"
    return mark_safe(html)
