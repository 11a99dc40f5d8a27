"""Form helpers shared by every app: one submit button through crispy forms,
the browser's date pickers, several forms on one page, Arabic inputs, text
cleaned of direction controls, and a service's ``ValidationError`` shown at the
form's fields."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .text import strip_direction_controls

# The attributes of an input that takes Arabic text (DESIGN §2).
ARABIC = {"dir": "rtl", "lang": "ar"}


class DirectionControlsStripped:
    """Removes the direction embedding, override and isolate controls from
    everything a bound form receives, before any field reads it, so a name
    cannot disguise itself in lists and emails (``coordination/text.py``).
    Every form of the portal has it (PortalForm and PortalModelForm through
    this base; row forms of imports name it); a test in tests/project checks.
    Password inputs are left as typed: a password is compared, never shown."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = self._without_direction_controls(self.data)

    def _without_direction_controls(self, data):
        kept = {
            self.add_prefix(name)
            for name, field in self.fields.items()
            if isinstance(field.widget, forms.PasswordInput)
        }

        def clean(key, value):
            return (
                value
                if key in kept or not isinstance(value, str)
                else (strip_direction_controls(value))
            )

        if hasattr(data, "lists"):  # a QueryDict or MultiValueDict: every value of a key
            cleaned = data.copy()
            for key, values in data.lists():
                cleaned.setlist(key, [clean(key, value) for value in values])
            return cleaned
        return {key: clean(key, value) for key, value in data.items()}


class CrispySubmit:
    """A crispy helper with one submit button labelled ``submit_label``."""

    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class PortalForm(DirectionControlsStripped, CrispySubmit, forms.Form):
    pass


class PortalModelForm(DirectionControlsStripped, CrispySubmit, forms.ModelForm):
    pass


class NamedForm(PortalForm):
    """One of several forms on a page: a hidden ``form`` field says which one
    was posted."""

    form_name = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"] = forms.CharField(widget=forms.HiddenInput, initial=self.form_name)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; values are in the portal's time zone."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def apply_errors(form, error: ValidationError) -> None:
    """Show a service's errors at the form's fields (or on top when unknown)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class LabelledRows:
    """A formset shown as a table (crispy's ``table_inline_formset.html``): its
    cells have no ``<label>``, so each input is named by its field's label
    (``aria-label``) for screen readers (README "Accessibility and print")."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if field.label and not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", str(field.label))


class LabelledRowsInlineFormSet(LabelledRows, forms.BaseInlineFormSet):
    pass
