"""How notifications reach a user by email (coordination/notifications.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.forms import PortalForm
from coordination.models import NotificationPreference


class NotificationPreferenceForm(PortalForm):
    submit_label = _("Save")

    notification_email = forms.ChoiceField(
        label=_("Email me notifications"),
        choices=NotificationPreference.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Work waiting for you (minutes to approve, terms of reference to endorse) "
            "is always emailed."
        ),
    )
