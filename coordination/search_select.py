"""The one searchable select of the portal (docs/architecture.md "Searchable
selects"): a ``<select>`` that renders only a few options — the chosen one and a
short ``preset`` list (a group's people, say) — and that ``static/js/search-select.js``
turns into search-as-you-type over a JSON endpoint returning at most
``SEARCH_LIMIT`` results (``{"results": [{"id", "text", "group"}]}``).

A list of 3,000 organizations is therefore never rendered as options: the page
costs the same whatever the directory's size, and the field still validates any
value of its queryset. Without JavaScript the select offers its preset and the
chosen value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import django_filters
from django import forms
from django.http import JsonResponse
from django.utils.text import capfirst
from django.utils.translation import gettext

SEARCH_LIMIT = 20


class SearchSelect(forms.Select):
    """A select rendering ``preset`` plus the chosen value(s), searched in the
    browser over ``search_url``. ``depends_on`` names another field whose value
    is sent with each search as ``depends_param`` (the owner's person narrowed to
    the owner organization)."""

    def __init__(
        self,
        *,
        search_url: str = "",
        depends_on: str = "",
        depends_param: str = "",
        attrs=None,
    ):
        super().__init__(attrs)
        self.search_url = search_url
        self.depends_on = depends_on
        self.depends_param = depends_param or depends_on
        self.preset: list[tuple[str, str]] = []
        self.empty_label = "---------"
        self.labels_for: Callable[[list[str]], dict[str, str]] | None = None

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.preset = list(self.preset)
        return copy

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-search-url"] = str(self.search_url)
        if self.depends_on:
            widget_attrs["data-search-depends"] = self.depends_on
            widget_attrs["data-search-param"] = self.depends_param
        return context

    def optgroups(self, name, value, attrs=None):
        chosen = [str(v) for v in value if v not in ("", None)]
        known = {str(v) for v, _label in self.preset}
        missing = [v for v in chosen if v not in known]
        labels = self.labels_for(missing) if missing and self.labels_for else {}
        # A multiple select has no empty choice: choosing none is the empty value.
        empty = [] if self.allow_multiple_selected else [("", self.empty_label)]
        choices = [*empty, *self.preset]
        choices += [(v, labels[v]) for v in missing if v in labels]
        original = self.choices
        self.choices = choices
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = original


class _Searched:
    """What the single and the multiple searchable model choice share: the widget
    (the field's class attribute ``widget``) searches ``search_url``, renders
    ``preset`` and labels only the chosen values."""

    def __init__(self, queryset, *, search_url=None, preset: Iterable = (), **kwargs):
        kwargs.setdefault("widget", type(self).widget())
        super().__init__(queryset, **kwargs)
        if search_url is not None:  # may be lazy (reverse_lazy): not evaluated here
            self.widget.search_url = search_url
        self.widget.labels_for = self._labels_for
        self.set_preset(preset)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.labels_for = result._labels_for
        return result

    @classmethod
    def for_model_field(cls, model, name: str, queryset, *, search_url, **kwargs):
        """The field a ModelForm would build for ``model.name`` (label, help text,
        required), searchable."""
        field = model._meta.get_field(name)
        kwargs.setdefault("label", capfirst(field.verbose_name))
        kwargs.setdefault("help_text", field.help_text)
        kwargs.setdefault("required", not field.blank)
        return cls(queryset, search_url=search_url, **kwargs)

    def set_preset(self, objects: Iterable) -> None:
        """The options shown before any search (and without JavaScript)."""
        self.widget.preset = [(str(obj.pk), self.label_from_instance(obj)) for obj in objects]
        self.widget.empty_label = self.empty_label or ""

    def _labels_for(self, values: list[str]) -> dict[str, str]:
        ids = [v for v in values if v.isdigit()]
        return {
            str(obj.pk): self.label_from_instance(obj) for obj in self.queryset.filter(pk__in=ids)
        }


class SearchModelChoiceField(_Searched, forms.ModelChoiceField):
    """A model choice whose widget never lists the whole queryset."""

    widget = SearchSelect


class SearchSelectMultiple(SearchSelect):
    """The multiple choice: a ``<select multiple>`` of ``preset`` plus the chosen
    values, which ``static/js/search-select.js`` shows as a list of the chosen
    items (each with a remove button) above the same search box. Without
    JavaScript it is a plain multiple select of those options."""

    allow_multiple_selected = True

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        # What the remove buttons and the live region say ("%s" is the item).
        widget_attrs["data-search-remove"] = gettext("Remove %s")
        widget_attrs["data-search-added"] = gettext("%s added")
        widget_attrs["data-search-removed"] = gettext("%s removed")
        return context

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # an empty multiple select submits nothing


class SearchModelMultipleChoiceField(_Searched, forms.ModelMultipleChoiceField):
    """A choice of several among many: the chosen ones and ``preset`` rendered,
    the rest searched (``search_url``)."""

    widget = SearchSelectMultiple


class SearchModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter over a long list (organizations): only the chosen one is rendered,
    the rest is searched (``search_url``)."""

    field_class = SearchModelChoiceField


def search_response(results: Iterable[tuple[object, str, str]]) -> JsonResponse:
    """The endpoint's answer: ``(id, text, group)`` rows, at most SEARCH_LIMIT."""
    rows = [
        {"id": str(pk), "text": text, "group": group}
        for pk, text, group in list(results)[:SEARCH_LIMIT]
    ]
    response = JsonResponse({"results": rows})
    response["Cache-Control"] = "private, no-store"
    return response
