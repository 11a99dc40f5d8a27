from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from coordination.forms import ARABIC, PortalModelForm
from coordination.search_select import SearchModelChoiceField

from ..models import Organization


class OrganizationForm(PortalModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    # Searched as one types (docs/architecture.md "Searchable selects").
    parent = SearchModelChoiceField.for_model_field(
        Organization,
        "parent",
        Organization.objects.all(),
        search_url=reverse_lazy("swg:organization_search"),
    )

    class Meta:
        model = Organization
        fields = ["name_en", "name_ar", "acronym", "org_type", "parent", "website", "is_active"]
        widgets = {"name_ar": forms.TextInput(attrs=ARABIC)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].queryset = Organization.objects.exclude(pk=self.instance.pk)
