"""Forms for minutes. They check the shape of the input; the rules live in
``swg.services.minutes``."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coordination.forms import DirectionControlsStripped, PortalForm, PortalModelForm

from ..models import Minutes


class MinutesForm(PortalModelForm):
    class Meta:
        model = Minutes
        fields = ["language", "attendance_text", "summary"]
        widgets = {
            "attendance_text": forms.Textarea(attrs={"rows": 4}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        self.helper.form_tag = False
        self.helper.inputs = []


class MinutesItemForm(DirectionControlsStripped, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    order = forms.IntegerField(label=_("Order"), required=False, min_value=0)
    title = forms.CharField(label=_("Item"), max_length=300, required=False)
    discussion = forms.CharField(
        label=_("Discussion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decisions = forms.CharField(
        label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


MinutesItemFormSet = forms.formset_factory(MinutesItemForm, extra=1, can_delete=True)


def minutes_item_initial(items) -> list[dict]:
    return [
        {
            "id": i.pk,
            "order": i.order,
            "title": i.title,
            "discussion": i.discussion,
            "decisions": i.decisions,
        }
        for i in items
    ]


def minutes_items_from(formset) -> list[dict]:
    """The formset's rows as the service wants them; blank new rows are skipped."""
    items = []
    for data in formset.cleaned_data:
        if not data:
            continue
        if not data.get("id") and not (data.get("title") or "").strip():
            continue
        items.append({**data, "delete": data.get("DELETE", False)})
    return items


class ReturnForm(PortalForm):
    submit_label = _("Return to the secretariat")
    comment = forms.CharField(
        label=_("What should change"), widget=forms.Textarea(attrs={"rows": 4})
    )
