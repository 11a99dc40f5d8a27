"""``{% load filter_fields %}``: ``{{ field|filter_field }}`` writes a list
filter's field as crispy's bootstrap5 field does (label, control, error), for
the filter forms at the top of every list.

Crispy renders each field through a dozen nested templates and Django each
option of a ``<select>`` through two more; a list page pays that on every view
(bench/README.md). Here a text input or a plain ``<select>`` is written in
Python; anything else (a checkbox, radio buttons, help text, a required field,
a widget with its own template) goes to crispy as before.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from coordination.widgets import select_html

register = template.Library()

_SELECT_TEMPLATE = forms.Select.template_name
_INPUT_TEMPLATE = forms.TextInput.template_name
_TEXT_TYPES = {"text", "search", "number", "date", "datetime-local", "time", "email", "url", "tel"}


def _quoted(value) -> str:
    return f'"{conditional_escape(str(value))}"'


def _plain(bound) -> bool:
    widget = bound.field.widget
    if bound.field.required or bound.help_text or widget.is_hidden:
        return False
    if isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
        return widget.template_name == _SELECT_TEMPLATE
    return (
        isinstance(widget, forms.widgets.Input)
        and widget.input_type in _TEXT_TYPES
        and widget.template_name
        in (_INPUT_TEMPLATE, f"django/forms/widgets/{widget.input_type}.html")
    )


@register.filter
def filter_field(bound):
    if not _plain(bound):
        return as_crispy_field(bound)
    widget = bound.field.widget
    is_select = isinstance(widget, forms.Select)
    own = widget.attrs.get("class", "")
    kind = type(widget).__name__.lower()
    classes = [own if kind in own else f"{own} {kind}".strip()]
    classes.append("form-select" if is_select else "form-control")
    attrs = {}
    errors = bound.errors
    if errors:
        classes.append("is-invalid")
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{bound.auto_id}_error"
    attrs["class"] = " ".join(classes)
    attrs = bound.build_widget_attrs(attrs)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    if is_select:
        control = select_html(widget, bound.html_name, bound.value(), attrs)
    else:
        control = widget.render(bound.html_name, bound.value(), attrs, renderer=bound.form.renderer)
    error_html = ""
    if errors:
        error_html = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            bound.auto_id,
            mark_safe(
                "".join(
                    format_html('<p id="error_{}_{}"><strong>{}</strong></p>', n, bound.auto_id, e)
                    for n, e in enumerate(errors, 1)
                )
            ),
        )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>{}{}</div>',
        bound.auto_id,
        bound.id_for_label,
        bound.label,
        mark_safe(control),
        error_html,
    )
