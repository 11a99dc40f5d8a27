"""Forms of the quarterly update cycle: the update with its indicator values
(a formset), the reviewer's return comment, and the board's filter."""

from crispy_forms.helper import FormHelper
from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from coordination.forms import DirectionControlsStripped, LabelledRowsInlineFormSet, PortalForm
from coordination.widgets import PlainSelect
from swg.models import SWG

from ..models import Indicator, IndicatorValue, Project, QuarterlyUpdate
from ..selectors.submissions import Cell


def _helper(**attrs) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    for name, value in attrs.items():
        setattr(helper, name, value)
    return helper


class UpdateForm(DirectionControlsStripped, forms.ModelForm):
    class Meta:
        model = QuarterlyUpdate
        fields = ["narrative", "new_status", "new_status_reason", "disbursed_to_date", "issues"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
            "new_status_reason": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            "issues": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "new_status": PlainSelect,
        }
        help_texts = {
            "new_status": _("Leave empty when the status stays as it is."),
            "disbursed_to_date": _(
                "Everything disbursed since the start, in the project's currency."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_status"].choices = [("", "—"), *Project.Status.choices]
        self.helper = _helper()


class IndicatorValueForm(DirectionControlsStripped, forms.ModelForm):
    """One reported result; it may be for one of the joint indicators the
    project is linked to (DESIGN §3 "Results framework"), whose name and unit
    then need not be typed."""

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        field.queryset = Indicator.objects.filter(pk__in=[i.pk for i in indicators])
        field.choices = [("", "—"), *((i.pk, i.name) for i in indicators)]
        field.required = False
        self.fields["name"].required = False


IndicatorFormSet = inlineformset_factory(
    QuarterlyUpdate,
    IndicatorValue,
    form=IndicatorValueForm,
    fields=["indicator", "name", "unit", "value", "comment"],
    widgets={"indicator": PlainSelect},
    extra=2,
    can_delete=True,
    formset=LabelledRowsInlineFormSet,
)


def indicator_formset(data, update: QuarterlyUpdate):
    linked = list(Indicator.objects.filter(projects=update.project_id)) if update.project_id else []
    formset = IndicatorFormSet(
        data, instance=update, prefix="indicators", form_kwargs={"indicators": linked}
    )
    formset.helper = _helper(template="bootstrap5/table_inline_formset.html")
    return formset


def indicator_rows(formset) -> list[dict]:
    """The kept rows as the service takes them."""
    return [
        {
            k: v
            for k, v in form.cleaned_data.items()
            if k in ("indicator", "name", "unit", "value", "comment")
        }
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


class ReturnForm(PortalForm):
    submit_label = _("Return to the partner")
    review_comment = forms.CharField(
        label=_("What should the partner change?"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_tag = False


class BoardFilterForm(DirectionControlsStripped, forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100, required=False)
    swg = forms.ModelChoiceField(
        label=_("working group"), queryset=SWG.objects.none(), required=False
    )
    state = forms.ChoiceField(label=_("state"), choices=[("", "—"), *Cell.CHOICES], required=False)

    def __init__(self, *args, swgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swg"].queryset = swgs


class UpdateListFilterForm(DirectionControlsStripped, forms.Form):
    quarter = forms.RegexField(
        label=_("quarter"), regex=r"^\d{4}-[1-4]$", required=False, help_text="2026-3"
    )
