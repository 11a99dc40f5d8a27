"""``{% load choices %}``: ``{{ meeting|choice_label:"status" }}`` is
``meeting.get_status_display``, for lists (coordination/choices.py)."""

from django import template

from coordination.choices import choice_label as _choice_label

register = template.Library()


@register.filter
def choice_label(obj, name):
    return _choice_label(obj, name)
