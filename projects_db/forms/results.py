"""Forms of the results framework: national priorities, sector goals and
objectives, indicators, and their targets and values per period."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coordination.forms import ARABIC, DateInput, PortalModelForm
from coordination.search_select import SearchModelMultipleChoiceField
from swg.models import SWG

from ..models import (
    Indicator,
    IndicatorMeasurement,
    IndicatorTarget,
    NationalPriority,
    Objective,
    Project,
    SectorGoal,
)


class PriorityForm(PortalModelForm):
    class Meta:
        model = NationalPriority
        fields = [
            "code",
            "name_en",
            "name_ar",
            "description_en",
            "description_ar",
            "required_funding_usd",
            "order",
            "is_active",
        ]
        widgets = {
            "name_ar": forms.TextInput(attrs=ARABIC),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_ar": forms.Textarea(attrs={"rows": 3, **ARABIC}),
        }


class GoalForm(PortalModelForm):
    class Meta:
        model = SectorGoal
        fields = ["text_en", "text_ar", "order"]
        widgets = {
            "text_en": forms.Textarea(attrs={"rows": 2}),
            "text_ar": forms.Textarea(attrs={"rows": 2, **ARABIC}),
        }


class ObjectiveForm(PortalModelForm):
    class Meta:
        model = Objective
        fields = ["text_en", "text_ar", "order"]
        widgets = GoalForm.Meta.widgets


class IndicatorForm(PortalModelForm):
    # Searched as one types among the group's projects, never listed whole
    # (docs/architecture.md "Searchable selects").
    projects = SearchModelMultipleChoiceField(
        label=_("linked projects"),
        queryset=Project.objects.none(),
        required=False,
        help_text=_("Projects of this working group that report values for the indicator."),
    )

    class Meta:
        model = Indicator
        fields = [
            "objective",
            "name_en",
            "name_ar",
            "unit",
            "baseline_value",
            "baseline_date",
            "national_priority",
        ]
        widgets = {"name_ar": forms.TextInput(attrs=ARABIC), "baseline_date": DateInput()}
        help_texts = {"objective": _("Leave empty for an indicator of the group as a whole.")}

    def __init__(self, *args, swg: SWG, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.filter(goal__swg=swg)
        self.fields["national_priority"].queryset = NationalPriority.objects.filter(is_active=True)
        self.fields["projects"].queryset = Project.objects.filter(swg=swg)
        self.fields[
            "projects"
        ].widget.search_url = f"{reverse('projects_db:project_search')}?swg={swg.pk}"
        if self.instance.pk:
            self.fields["projects"].initial = list(
                self.instance.projects.values_list("pk", flat=True)
            )


class TargetForm(PortalModelForm):
    class Meta:
        model = IndicatorTarget
        fields = ["year", "quarter", "value"]
        help_texts = {"quarter": _("A target for a whole year is reached by its end.")}


class MeasurementForm(PortalModelForm):
    class Meta:
        model = IndicatorMeasurement
        fields = ["year", "quarter", "value", "note"]
