from crispy_forms.helper import FormHelper
from django import forms
from django.forms import inlineformset_factory
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from coordination.forms import DateInput, DirectionControlsStripped, LabelledRowsInlineFormSet
from coordination.search_select import SearchModelChoiceField, SearchModelMultipleChoiceField
from coordination.widgets import PlainSelect, PlainSelectMultiple
from swg.models import SWG, Organization, Subsector

from ..models import (
    CURRENCIES,
    District,
    DuplicatePair,
    NationalPriority,
    Project,
    ProjectBudget,
    ProjectParticipant,
    Transaction,
)


def _helper(**attrs) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    for name, value in attrs.items():
        setattr(helper, name, value)
    return helper


ARABIC = {"dir": "rtl", "lang": "ar"}

# The fields of the project form, in the order the quality check reads them.
FORM_FIELDS = [
    "title_en",
    "title_ar",
    "description_en",
    "description_ar",
    "owner",
    "swg",
    "subsector",
    "national_priority",
    "dac_sector",
    "iati_identifier",
    "status",
    "status_reason",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "nationwide",
    "districts",
    "beneficiaries",
    "currency",
    "comments",
]


def _organization_field(model, name: str) -> SearchModelChoiceField:
    """An organization searched as one types (docs/architecture.md "Searchable
    selects"): the directory is never rendered as options."""
    return SearchModelChoiceField.for_model_field(
        model,
        name,
        Organization.objects.all(),
        search_url=reverse_lazy("swg:organization_search"),
    )


class ProjectForm(DirectionControlsStripped, forms.ModelForm):
    owner = _organization_field(Project, "owner")
    # Ministries and government bodies, searched as one types; the chosen ones
    # are listed with a remove button each (docs/architecture.md "Searchable selects").
    beneficiaries = SearchModelMultipleChoiceField.for_model_field(
        Project,
        "beneficiaries",
        Organization.objects.filter(org_type__in=Organization.GOVERNMENT_TYPES, is_active=True),
        search_url=format_lazy("{}?government=1", reverse_lazy("swg:organization_search")),
        help_text=_("Type part of a name to find a ministry or government body; choose several."),
    )
    currency = forms.ChoiceField(
        label=_("currency"), choices=CURRENCIES, initial="USD", widget=PlainSelect
    )

    class Meta:
        model = Project
        fields = FORM_FIELDS
        widgets = {
            "title_ar": forms.TextInput(attrs=ARABIC),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_ar": forms.Textarea(attrs={"rows": 4, **ARABIC}),
            "status_reason": forms.Textarea(attrs={"rows": 2}),
            "comments": forms.Textarea(attrs={"rows": 3}),
            "planned_start": DateInput(),
            "planned_end": DateInput(),
            "actual_start": DateInput(),
            "actual_end": DateInput(),
            "districts": PlainSelectMultiple(attrs={"size": 8}),
            "swg": PlainSelect,
            "subsector": PlainSelect,
            "national_priority": PlainSelect,
            "status": PlainSelect,
        }
        help_texts = {
            "districts": _("Hold Ctrl (or ⌘) to choose several. Leave empty when nationwide."),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        if self.instance.currency and self.instance.currency not in dict(CURRENCIES):
            self.fields["currency"].choices = [
                *CURRENCIES,
                (self.instance.currency, self.instance.currency),
            ]
        organizations = Organization.objects.filter(is_active=True).order_by("name_en")
        if actor.sees_everything or actor.secretariat_swg_ids:
            self.fields["owner"].queryset = organizations
        else:
            # A partner keeps projects of their own organization only (DESIGN §1).
            self.fields["owner"].queryset = Organization.objects.filter(pk=actor.organization_id)
            if not self.instance.owner_id:
                self.initial["owner"] = actor.organization_id
            self.fields["owner"].disabled = True
        swgs = SWG.objects.filter(is_active=True).order_by("number", "name_en")
        if not actor.sees_everything and not actor.is_partner:
            swgs = swgs.filter(pk__in=actor.secretariat_swg_ids)
        self.fields["swg"].queryset = swgs
        self.fields["subsector"].queryset = Subsector.objects.filter(
            is_active=True, swg__is_active=True
        ).select_related("swg")
        self.fields["subsector"].label_from_instance = lambda s: f"{s.swg.name} — {s.name}"
        self.fields["national_priority"].queryset = NationalPriority.objects.filter(is_active=True)
        self.fields["districts"].queryset = District.objects.all()


class ParticipantForm(DirectionControlsStripped, forms.ModelForm):
    organization = _organization_field(ProjectParticipant, "organization")

    class Meta:
        model = ProjectParticipant
        fields = ["organization", "role"]
        widgets = {"role": PlainSelect}


class BudgetForm(DirectionControlsStripped, forms.ModelForm):
    currency = forms.ChoiceField(
        label=_("currency"), choices=CURRENCIES, initial="USD", widget=PlainSelect
    )

    class Meta:
        model = ProjectBudget
        fields = ["period_start", "period_end", "value", "currency", "status"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "status": PlainSelect,
        }


class TransactionForm(DirectionControlsStripped, forms.ModelForm):
    currency = forms.ChoiceField(
        label=_("currency"), choices=CURRENCIES, initial="USD", widget=PlainSelect
    )

    class Meta:
        model = Transaction
        fields = ["type", "value", "currency", "value_date", "provider", "description"]
        widgets = {"value_date": DateInput(), "type": PlainSelect}

    provider = _organization_field(Transaction, "provider")


def _formset(model, form, extra):
    return inlineformset_factory(
        Project, model, form=form, extra=extra, can_delete=True, formset=LabelledRowsInlineFormSet
    )


ParticipantFormSet = _formset(ProjectParticipant, ParticipantForm, 2)
BudgetFormSet = _formset(ProjectBudget, BudgetForm, 2)
TransactionFormSet = _formset(Transaction, TransactionForm, 2)

FORMSETS = {
    "participants": ParticipantFormSet,
    "budgets": BudgetFormSet,
    "transactions": TransactionFormSet,
}


# The organization each saved row shows, read with the rows.
ROW_ORGANIZATIONS = {"participants": "organization", "budgets": None, "transactions": "provider"}


def project_formsets(data, project: Project) -> dict:
    formsets = {}
    for prefix, formset_class in FORMSETS.items():
        related = ROW_ORGANIZATIONS[prefix]
        rows = formset_class.model.objects.all()
        if related:
            rows = rows.select_related(related)
        formset = formset_class(data, instance=project, prefix=prefix, queryset=rows)
        if related:
            # A saved row's organization is its own option: labelled without a
            # query per row (coordination/search_select.py).
            for form in formset.initial_forms:
                chosen = getattr(form.instance, related)
                if chosen is not None:
                    form.fields[related].set_preset([chosen])
        formset.helper = _helper(template="bootstrap5/table_inline_formset.html")
        formsets[prefix] = formset
    return formsets


def formset_rows(formset) -> list[dict]:
    """The kept rows as the service takes them: field values plus ``id``."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        row = {k: v for k, v in data.items() if k not in ("id", "DELETE", "project")}
        row["id"] = form.instance.pk
        rows.append(row)
    return rows


class ConfirmForm(DirectionControlsStripped, forms.Form):
    """An empty form: the button is the whole decision."""


class DuplicateReviewForm(DirectionControlsStripped, forms.ModelForm):
    class Meta:
        model = DuplicatePair
        fields = ["note"]
        labels = {"note": _("Why the two projects complement each other")}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True
        self.helper = _helper()
