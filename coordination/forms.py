"""Form helpers shared by every app: one submit button through crispy forms,
the browser's date pickers, several forms on one page, Arabic inputs, and a
service's ``ValidationError`` shown at the form's fields."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The attributes of an input that takes Arabic text (DESIGN §2).
ARABIC = {"dir": "rtl", "lang": "ar"}


class CrispySubmit:
    """A crispy helper with one submit button labelled ``submit_label``."""

    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class PortalForm(CrispySubmit, forms.Form):
    pass


class PortalModelForm(CrispySubmit, forms.ModelForm):
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
