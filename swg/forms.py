from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SWG, Contact, FocalPoint, Membership, Organization, Subsector


class CrispySubmit:
    """A crispy helper with one submit button labelled ``submit_label``."""

    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", self.submit_label))


class PortalForm(CrispySubmit, forms.Form):
    pass


class PortalModelForm(CrispySubmit, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OrganizationForm(PortalModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = ["name_en", "name_ar", "acronym", "org_type", "parent", "website", "is_active"]
        widgets = {"name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Organization.objects.order_by("name_en")
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )


class ContactForm(PortalModelForm):
    class Meta:
        model = Contact
        fields = [
            "name_en",
            "name_ar",
            "title",
            "organization",
            "email",
            "mobile",
            "landline",
            "gender",
            "languages",
            "preferred_language",
            "is_active",
        ]
        widgets = {"name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"})}

    def __init__(self, *args, organization_locked: Organization | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("name_en")
        if organization_locked is not None:
            # A partner edits only their own organization's people.
            self.fields["organization"].queryset = Organization.objects.filter(
                pk=organization_locked.pk
            )
            self.fields["organization"].initial = organization_locked.pk
            self.fields["organization"].disabled = True

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        clash = Contact.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another contact already uses this email address."))
        return email


class MembershipForm(PortalModelForm):
    class Meta:
        model = Membership
        fields = ["organization", "contact", "role", "task", "start_date"]
        widgets = {"start_date": DateInput()}

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
        fields = ["role", "task"]


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


# ------------------------------------------------------------------ restructuring


class RenameForm(PortalForm):
    submit_label = _("Rename")
    name_en = forms.CharField(label=_("New name (English)"), max_length=255, required=False)
    name_ar = forms.CharField(
        label=_("New name (Arabic)"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
    )
    effective_on = forms.DateField(
        label=_("Effective on"), initial=timezone.localdate, widget=DateInput()
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if not data.get("name_en") and not data.get("name_ar"):
            self.add_error("name_en", _("Give the name in English or Arabic (or both)."))
        return data


class SubsectorAddForm(RenameForm):
    submit_label = _("Add subsector")
    name_en = forms.CharField(label=_("Subsector name (English)"), max_length=255, required=False)
    name_ar = forms.CharField(
        label=_("Subsector name (Arabic)"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
    )


class SubsectorMoveForm(PortalForm):
    submit_label = _("Move subsector")
    subsector = forms.ModelChoiceField(label=_("Subsector"), queryset=Subsector.objects.none())
    to_swg = forms.ModelChoiceField(label=_("Move to"), queryset=SWG.objects.none())
    effective_on = forms.DateField(
        label=_("Effective on"), initial=timezone.localdate, widget=DateInput()
    )

    def __init__(self, *args, swg: SWG, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subsector"].queryset = swg.subsectors.filter(is_active=True)
        self.fields["to_swg"].queryset = SWG.objects.filter(is_active=True).exclude(pk=swg.pk)


class MergeForm(PortalForm):
    submit_label = _("Merge into this group")
    sources = forms.ModelMultipleChoiceField(
        label=_("Groups to merge into this one"),
        queryset=SWG.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    effective_on = forms.DateField(
        label=_("Effective on"), initial=timezone.localdate, widget=DateInput()
    )

    def __init__(self, *args, swg: SWG, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = SWG.objects.filter(is_active=True).exclude(pk=swg.pk)


class SplitForm(RenameForm):
    submit_label = _("Split off a new group")
    name_en = forms.CharField(label=_("New group name (English)"), max_length=255, required=False)
    name_ar = forms.CharField(
        label=_("New group name (Arabic)"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
    )
    subsectors = forms.ModelMultipleChoiceField(
        label=_("Subsectors that move to the new group"),
        queryset=Subsector.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, swg: SWG, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subsectors"].queryset = swg.subsectors.filter(is_active=True)


class RetireForm(PortalForm):
    submit_label = _("Retire this group")
    replaced_by = forms.ModelMultipleChoiceField(
        label=_("Replaced by"),
        queryset=SWG.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    effective_on = forms.DateField(
        label=_("Effective on"), initial=timezone.localdate, widget=DateInput()
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, swg: SWG, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = SWG.objects.filter(is_active=True).exclude(pk=swg.pk)


class AsOfForm(forms.Form):
    on = forms.DateField(label=_("Structure as of"), required=False, widget=DateInput())
