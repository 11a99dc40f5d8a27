"""Forms for the monthly schedule: receiving it, following other groups, and
the month and language of a preview."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coordination.forms import DirectionControlsStripped, NamedForm

from ..models import SWG


class ScheduleReceiveForm(NamedForm):
    form_name = "receive"
    submit_label = _("Save")

    receive = forms.BooleanField(label=_("Send me the monthly meeting schedule"), required=False)


class ScheduleSubscriptionForm(NamedForm):
    form_name = "groups"
    submit_label = _("Save my groups")

    swgs = forms.ModelMultipleChoiceField(
        label=_("Also send me the meetings of these groups"),
        queryset=SWG.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swgs"].queryset = choices


class SchedulePreviewForm(DirectionControlsStripped, forms.Form):
    month = forms.RegexField(
        label=_("Month"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        widget=forms.TextInput(attrs={"type": "month"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, required=False)

    def year_month(self) -> tuple[int, int]:
        year, month = self.cleaned_data["month"].split("-")
        return int(year), int(month)
