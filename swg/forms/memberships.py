"""Forms for memberships and focal points; the rules (one chair, no overlap…)
live in ``swg.services.memberships`` and come back through ``apply_errors``."""

from urllib.parse import urlencode

from django import forms
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.forms import ARABIC, DateInput, PortalForm, PortalModelForm
from coordination.search_select import SearchModelChoiceField

from ..models import SWG, Contact, FocalPoint, Membership, Organization
from ..selectors.search import contact_label


class MembershipForm(PortalModelForm):
    # Searched as one types (docs/architecture.md "Searchable selects").
    organization = SearchModelChoiceField.for_model_field(
        Membership,
        "organization",
        Organization.objects.filter(is_active=True),
        search_url=reverse_lazy("swg:organization_search"),
    )
    contact = SearchModelChoiceField.for_model_field(
        Membership,
        "contact",
        Contact.objects.filter(is_active=True).select_related("organization"),
        search_url=reverse_lazy("swg:contact_search"),
    )

    class Meta:
        model = Membership
        fields = ["organization", "contact", "role", "task_en", "task_ar", "start_date"]
        widgets = {"start_date": DateInput(), "task_ar": forms.TextInput(attrs=ARABIC)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].label_from_instance = contact_label

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
    contact = SearchModelChoiceField.for_model_field(
        FocalPoint, "contact", Contact.objects.none(), search_url=""
    )

    class Meta:
        model = FocalPoint
        fields = ["contact", "purpose", "swg", "purpose_detail", "appointed_on", "is_interim"]
        widgets = {"appointed_on": DateInput()}

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        contact = self.fields["contact"]
        contact.queryset = organization.contacts.filter(is_active=True)
        # The organization's people only, searched as one types.
        contact.widget.search_url = (
            reverse("swg:contact_search") + "?" + urlencode({"organization": organization.pk})
        )
        self.fields["swg"].queryset = SWG.objects.filter(is_active=True)
