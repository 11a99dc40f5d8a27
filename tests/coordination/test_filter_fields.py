"""A list's filter fields (coordination/templatetags/filter_fields.py): the
label, the control with bootstrap's class and the error, as crispy writes them;
what it does not write itself goes to crispy."""

import django_filters
from django import forms
from django.template import Context, Template
from django.utils import translation

from swg.models import Document


class _Filter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(
        label="Category", choices=Document.Category.choices, empty_label="Any category"
    )
    title = django_filters.CharFilter(label="Title <words>", lookup_expr="icontains")

    class Meta:
        model = Document
        fields = ["category", "title"]


class _Form(forms.Form):
    closed = forms.BooleanField(label="Closed", required=False)


def _render(field):
    with translation.override("en"):
        return Template("{% load filter_fields %}{{ field|filter_field }}").render(
            Context({"field": field})
        )


def test_a_select_has_its_label_options_and_the_chosen_one(db):
    form = _Filter({"category": "minutes"}, queryset=Document.objects.none()).form
    html = _render(form["category"])
    assert '<label for="id_category" class="form-label">Category</label>' in html
    assert '<select name="category" class="select form-select" id="id_category">' in html
    assert '<option value="minutes" selected>Minutes</option>' in html
    assert '<option value="">Any category</option>' in html


def test_a_text_input_has_bootstrap_class_and_an_escaped_label(db):
    form = _Filter({"title": "budget"}, queryset=Document.objects.none()).form
    html = _render(form["title"])
    assert "Title &lt;words&gt;" in html
    assert 'class="textinput form-control"' in html
    assert 'value="budget"' in html


def test_an_invalid_choice_is_marked_with_its_message(db):
    form = _Filter({"category": "nonsense"}, queryset=Document.objects.none()).form
    form.is_valid()
    html = _render(form["category"])
    assert 'class="select form-select is-invalid"' in html
    assert 'aria-describedby="id_category_error"' in html
    assert '<div id="id_category_error" class="invalid-feedback">' in html
    assert "nonsense is not one of the available choices" in html


def test_a_checkbox_is_left_to_crispy():
    html = _render(_Form()["closed"])
    assert "form-check-input" in html
