"""``{% load bidi %}``: ``{{ value|bdi }}`` isolates user text, dates and numbers
from the text around them (coordination/bidi.py; docs/architecture.md, "Text
direction").

In an HTML template it gives ``<bdi>…</bdi>`` with the value escaped; inside
``{% autoescape off %}`` (text emails, subjects, the minutes text) it gives the
value between the Unicode isolate marks instead, since markup would show there.
Dates take a named format of the active language first:
``{{ meeting.starts_at|date:"DATE_FORMAT"|bdi }}`` (coordination/formats/).
"""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import get_language

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
    zone = None
    if getattr(value, "tzinfo", None) is not None:
        value = localtime(value)
        zone = str(value.tzinfo)
    text = _formatted(value, zone, arg, get_language())
    if autoescape:
        return mark_safe(f"<bdi>{escape(text)}</bdi>")
    return mark_safe(bdi_text(text))


@lru_cache(maxsize=8192)
def _formatted(value, zone, arg, language) -> str:
    """``value`` in the named format ``arg`` of ``language``, remembered: a list
    shows the same days again and again, and Django's formatter reads the format
    string a character at a time. ``zone`` is part of the key because equal
    aware times in different zones print differently (``language`` and ``zone``
    are the active ones; the formatter reads them itself)."""
    return date_format(value, arg)


def _forget_formats(**kwargs):
    # Formats and time zones are settings; tests change them (the running site does not).
    _formatted.cache_clear()


setting_changed.connect(_forget_formats)
