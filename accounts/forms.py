from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from coordination.emails import normalize_email
from coordination.forms import DirectionControlsStripped


class EmailLoginForm(DirectionControlsStripped, AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self):
        # Before authenticate(): the backend and the lockout see one spelling.
        return normalize_email(self.cleaned_data["username"])


class PasswordResetRequestForm(DirectionControlsStripped, forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])
