from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.forms import ARABIC, PortalModelForm

from ..models import Organization


class OrganizationForm(PortalModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ["name_en", "name_ar", "acronym", "org_type", "parent", "website", "is_active"]
        widgets = {"name_ar": forms.TextInput(attrs=ARABIC)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Organization.objects.order_by("name_en")
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )
