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
        fields = ["language", "attendance_text", "summary", "summary_translation"]
        widgets = {
            "attendance_text": forms.Textarea(attrs={"rows": 4}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            # The other language's text (DESIGN §2); its direction follows what is typed.
            "summary_translation": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }
        help_texts = {
            "summary_translation": _(
                "Optional: the summary in the other language. Each recipient of the "
                "circulated minutes reads the language they chose."
            )
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
    # The same item in the other language (DESIGN §2), beside the original.
    title_translation = forms.CharField(
        label=_("Item (translation)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    discussion_translation = forms.CharField(
        label=_("Discussion (translation)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    decisions_translation = forms.CharField(
        label=_("Decisions (translation)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
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
            "title_translation": i.title_translation,
            "discussion_translation": i.discussion_translation,
            "decisions_translation": i.decisions_translation,
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


class CirculateForm(DirectionControlsStripped, forms.Form):
    """The confirmation of circulating minutes."""

    include_attendee_guests = forms.BooleanField(
        label=_("Include the guests and walk-ins who attended"),
        required=False,
        help_text=_(
            "Ad-hoc invitees and walk-ins present at the meeting; they do not become members."
        ),
    )
