"""The selects written in Python give the markup of Django's templates."""

import re

from django import forms

from coordination.widgets import PlainSelect, PlainSelectMultiple

CHOICES = [
    ("", "---------"),
    ("a&b", 'Tom "&" <Jerry>'),
    ("Group <1>", [(1, "One"), (2, "Two")]),
    (3, "Three"),
]


def _tight(html) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


def test_a_select_is_written_as_djangos_template_writes_it():
    attrs = {"id": "id_x", "class": "select form-select", "required": True, "disabled": False}
    for value in ("a&b", 2, None):
        ours = PlainSelect(choices=CHOICES).render("x", value, attrs)
        django = forms.Select(choices=CHOICES).render("x", value, attrs)
        assert _tight(ours) == _tight(django)


def test_a_multiple_select_marks_every_chosen_option():
    attrs = {"id": "id_d", "size": 8}
    ours = PlainSelectMultiple(choices=CHOICES[1:]).render("d", [1, 3], attrs)
    django = forms.SelectMultiple(choices=CHOICES[1:]).render("d", [1, 3], attrs)
    assert _tight(ours) == _tight(django)
    assert ours.count(" selected") == 2
