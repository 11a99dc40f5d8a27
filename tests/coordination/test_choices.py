"""A choice's label on a list row (coordination/templatetags/choices.py): the
same text as ``get_FOO_display``, in the active language."""

from django.template import Context, Template
from django.utils import translation

from swg.models import Document


def _render(obj, field, language="en"):
    with translation.override(language):
        return Template("{% load choices %}{{ obj|choice_label:field }}").render(
            Context({"obj": obj, "field": field})
        )


def test_it_shows_the_label_of_the_value():
    document = Document(category=Document.Category.MINUTES)
    assert _render(document, "category") == "Minutes"


def test_it_follows_the_active_language():
    document = Document(category=Document.Category.MINUTES)
    with translation.override("ar"):
        arabic = document.get_category_display()
    assert _render(document, "category") == "Minutes"
    assert _render(document, "category", language="ar") == arabic


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert _render(Document(category="leaflet"), "category") == "leaflet"
    assert _render(Document(visibility=""), "visibility") == ""
