"""A choice field's label, cheaply: ``choice_label(meeting, "status")`` is
``meeting.get_status_display()``.

Django's ``get_FOO_display`` builds a dict of every choice on each call, and
hashing a translatable label translates it: one display on a row translates
all the field's labels. Here the labels of a field are translated once per
language and a row only looks its value up (bench/README.md). Templates use
``{{ meeting|choice_label:"status" }}`` (``{% load choices %}``); models whose
labels lists and emails show on every row route their ``get_FOO_display``
through it.
"""

from functools import lru_cache

from django.utils.translation import get_language


@lru_cache(maxsize=512)
def _labels(field, language) -> dict:
    # ``language`` is part of the key: the labels are translated into the active one.
    return {value: str(label) for value, label in field.flatchoices}


def choice_label(obj, name: str) -> str:
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
