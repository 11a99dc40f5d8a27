from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.forms import DateInput, DirectionControlsStripped
from swg.models import SWG

from .selectors.period import Period, default_period

# A longer period would only slow the page: five years covers "over time".
MAX_DAYS = 5 * 366


class DashboardFilterForm(DirectionControlsStripped, forms.Form):
    """The dashboard's period and group, read from the query string. Any SWG
    slug is accepted here; whether the user may see that group is the view's
    question (another group's dashboard is a 404)."""

    swg = forms.ModelChoiceField(
        label=_("Working group"),
        queryset=SWG.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All my groups"),
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, swgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swg"].queryset = swgs

    def clean(self):
        data = super().clean()
        default = default_period()
        start, end = data.get("start") or default.start, data.get("end") or default.end
        if start > end:
            raise forms.ValidationError(_("The period must start before it ends."))
        if (end - start).days > MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of at most five years."))
        data["period"] = Period(start=start, end=end)
        return data
