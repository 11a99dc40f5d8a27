"""``{% load bidi %}``: ``{{ value|bdi }}`` isolates user text, dates and numbers
from the text around them (coordination/bidi.py; docs/architecture.md, "Text
direction").

In an HTML template it gives ``<bdi>…</bdi>`` with the value escaped; inside
``{% autoescape off %}`` (text emails, subjects, the minutes text) it gives the
value between the Unicode isolate marks instead, since markup would show there.
Dates take a named format of the active language first:
``{{ meeting.starts_at|date:"DATE_FORMAT"|bdi }}`` (coordination/formats/).
"""

from django import template
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from coordination.bidi import bdi_html, bdi_text

register = template.Library()


@register.filter(needs_autoescape=True, is_safe=True)
def bdi(value, autoescape=True):
    if autoescape:
        return bdi_html(value)
    return mark_safe(bdi_text(value))


@register.filter(needs_autoescape=True, is_safe=True)
def bdi_date(value, arg="DATE_FORMAT", autoescape=True):
    """A date or time in a named format of the active language, isolated:
    ``{{ minutes.approved_at|bdi_date:"DATETIME_FORMAT" }}``. Aware times are
    shown in Tripoli time (settings.TIME_ZONE)."""
    if value in (None, ""):
        return ""
    if getattr(value, "tzinfo", None) is not None:
        value = localtime(value)
    return bdi(date_format(value, arg), autoescape=autoescape)
