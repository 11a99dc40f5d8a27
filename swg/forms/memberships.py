"""Forms for memberships and focal points; the rules (one chair, no overlap…)
live in ``swg.services.memberships`` and come back through ``apply_errors``."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.forms import ARABIC, DateInput, PortalForm, PortalModelForm

from ..models import SWG, Contact, FocalPoint, Membership, Organization


class MembershipForm(PortalModelForm):
    class Meta:
        model = Membership
        fields = ["organization", "contact", "role", "task_en", "task_ar", "start_date"]
        widgets = {"start_date": DateInput(), "task_ar": forms.TextInput(attrs=ARABIC)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(is_active=True)
        self.fields["contact"].queryset = Contact.objects.filter(is_active=True).select_related(
            "organization"
        )

    def clean(self):
        data = super().clean()
        if not data.get("organization") and not data.get("contact"):
            self.add_error("organization", _("Choose an organization, a person, or both."))
        return data


class MembershipEditForm(PortalModelForm):
    class Meta:
        model = Membership
        fields = ["role", "task_en", "task_ar"]
        widgets = {"task_ar": forms.TextInput(attrs=ARABIC)}


class MembershipEndForm(PortalForm):
    submit_label = _("End membership")
    end_date = forms.DateField(label=_("End date"), initial=timezone.localdate, widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class FocalPointForm(PortalModelForm):
    submit_label = _("Appoint")

    class Meta:
        model = FocalPoint
        fields = ["contact", "purpose", "swg", "purpose_detail", "appointed_on", "is_interim"]
        widgets = {"appointed_on": DateInput()}

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = organization.contacts.filter(is_active=True)
        self.fields["swg"].queryset = SWG.objects.filter(is_active=True)
