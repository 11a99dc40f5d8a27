"""Selects written in Python: the markup of Django's ``select.html`` and
``select_option.html`` without rendering two templates per option. Forms that
hold many selects on every view (the project form and its row tables) and the
list filters (``{{ field|filter_field }}``) use them; crispy still writes the
label, the help text and the errors around them (bench/README.md)."""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    # django/forms/widgets/attrs.html, in order: False is left out, True is a bare name.
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {name}")
        elif value is not False:
            parts.append(f' {name}="{conditional_escape(str(value))}"')
    return "".join(parts)


def select_html(widget: forms.Select, name: str, value, attrs: dict | None = None) -> str:
    """What ``widget`` renders for ``name`` and ``value``, as its templates would."""
    context = widget.get_context(name, value, attrs)["widget"]
    parts = [f'<select name="{conditional_escape(context["name"])}"{_attrs(context["attrs"])}>']
    for group, options, _index in context["optgroups"]:
        if group:
            parts.append(f'<optgroup label="{conditional_escape(str(group))}">')
        for option in options:
            parts.append(
                f'<option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>"
            )
        if group:
            parts.append("</optgroup>")
    parts.append("</select>")
    return mark_safe("\n  ".join(parts))


class PlainSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        return select_html(self, name, value, attrs)


class PlainSelectMultiple(PlainSelect, forms.SelectMultiple):
    pass
