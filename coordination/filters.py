"""Filter helpers shared by every list page (django-filter)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


def _is_yes(value: str) -> bool:
    return value == "true"


class YesNoField(forms.TypedChoiceField):
    """ "All", "Yes" or "No". Django's own yes/no select offers "Unknown" for the
    empty choice, which users read as a third state of the data, not as "do not
    filter". The values stay "true" and "false", so existing links keep working."""

    def __init__(self, **kwargs):
        kwargs.pop("empty_label", None)
        super().__init__(
            choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))],
            coerce=_is_yes,
            empty_value=None,
            **kwargs,
        )


class YesNoFilter(django_filters.BooleanFilter):
    """The one boolean filter of the portal: "All / Yes / No"; a ``method``
    receives True or False, never the empty choice."""

    field_class = YesNoField
