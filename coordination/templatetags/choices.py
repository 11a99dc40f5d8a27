"""``{% load choices %}``: ``{{ meeting|choice_label:"status" }}`` is
``meeting.get_status_display``, for lists.

Django's ``get_FOO_display`` builds a dict of every choice on each call, and
hashing a translatable label translates it: one display on a row translates
all the field's labels. Here the labels of a field are translated once per
language and the row only looks its value up (bench/README.md).
"""

from functools import lru_cache

from django import template
from django.utils.translation import get_language

register = template.Library()


@lru_cache(maxsize=512)
def _labels(field, language) -> dict:
    # ``language`` is part of the key: the labels are translated into the active one.
    return {value: str(label) for value, label in field.flatchoices}


@register.filter
def choice_label(obj, name):
    """The label of ``obj``'s choice field ``name`` in the active language; the
    value itself when it is not one of the choices (as ``get_FOO_display``)."""
    if obj is None or obj == "":
        return ""
    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)
    try:
        return _labels(field, get_language()).get(value, value)
    except TypeError:  # an unhashable value: never a choice
        return value
