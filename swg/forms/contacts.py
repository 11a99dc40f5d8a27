"""Forms for the directory: a contact, an import file and, inside the import,
one row of it (the rules of a row are the same as the contact form's)."""

from collections.abc import Callable

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination.bilingual import is_arabic_text
from coordination.emails import normalize_email
from coordination.forms import ARABIC, DirectionControlsStripped, PortalForm, PortalModelForm
from coordination.search_select import SearchModelChoiceField
from coordination.spreadsheets import reader

from ..models import Contact, Organization


class ContactForm(PortalModelForm):
    # Searched as one types (docs/architecture.md "Searchable selects").
    organization = SearchModelChoiceField.for_model_field(
        Contact,
        "organization",
        Organization.objects.all(),
        search_url=reverse_lazy("swg:organization_search"),
    )

    class Meta:
        model = Contact
        fields = [
            "name_en",
            "name_ar",
            "title_en",
            "title_ar",
            "organization",
            "email",
            "mobile",
            "landline",
            "gender",
            "languages",
            "preferred_language",
            "is_active",
        ]
        widgets = {
            "name_ar": forms.TextInput(attrs=ARABIC),
            "title_ar": forms.TextInput(attrs=ARABIC),
        }

    def __init__(self, *args, organization_locked: Organization | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if organization_locked is not None:
            # A partner edits only their own organization's people.
            self.fields["organization"].queryset = Organization.objects.filter(
                pk=organization_locked.pk
            )
            self.fields["organization"].initial = organization_locked.pk
            self.fields["organization"].disabled = True

    def clean_email(self):
        email = normalize_email(self.cleaned_data["email"])
        clash = Contact.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another contact already uses this email address."))
        return email


class ImportFileForm(PortalForm):
    submit_label = gettext_lazy("Check and import")

    file = forms.FileField(
        label=gettext_lazy("Contact list (CSV or XLSX)"),
        help_text=gettext_lazy(
            "Columns: email and organization (acronym or name) are required; name_en, name_ar, "
            "title_en, title_ar, mobile, landline, gender (f/m), languages, preferred_language (en/ar) are "
            "optional. An exported list can be imported back."
        ),
    )

    def clean_file(self):
        # Only what needs no parsing: the import job reads the file.
        upload = self.cleaned_data["file"]
        try:
            reader.spreadsheet_check_file(upload, name=upload.name)
        except reader.SpreadsheetRejected as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


class ContactRowForm(DirectionControlsStripped, forms.Form):
    name_en = forms.CharField(max_length=200, required=False)
    name_ar = forms.CharField(max_length=200, required=False)
    title_en = forms.CharField(max_length=200, required=False)
    title_ar = forms.CharField(max_length=200, required=False)
    # Files written before job titles had two languages have one "title" column.
    title = forms.CharField(max_length=200, required=False)
    organization = forms.CharField(max_length=255)
    email = forms.EmailField()
    mobile = forms.CharField(max_length=40, required=False)
    landline = forms.CharField(max_length=40, required=False)
    gender = forms.CharField(required=False)
    languages = forms.CharField(max_length=100, required=False)
    preferred_language = forms.CharField(required=False)

    GENDERS = {
        "f": "f",
        "female": "f",
        "woman": "f",
        "w": "f",
        "أنثى": "f",
        "امرأة": "f",
        "m": "m",
        "male": "m",
        "man": "m",
        "ذكر": "m",
        "رجل": "m",
        "x": "x",
        "": "x",
    }

    def __init__(self, *args, organizations: Callable[[str], Organization | None], **kwargs):
        super().__init__(*args, **kwargs)
        self._find_organization = organizations

    def rebind(self, data) -> "ContactRowForm":
        """This form, bound to another row. An import checks thousands of rows
        with one form instead of building one per row, whose field copies cost
        as much as the checks (docs/architecture.md "Long work")."""
        self.is_bound = True
        self.data = self._without_direction_controls(data)
        self._errors = None
        self.cleaned_data = {}
        return self

    def clean_organization(self):
        org = self._find_organization(self.cleaned_data["organization"])
        if org is None:
            raise forms.ValidationError(_("Unknown organization; use its acronym or name."))
        return org

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def clean_gender(self):
        value = self.cleaned_data["gender"].strip().lower()
        if value not in self.GENDERS:
            raise forms.ValidationError(_("Use f, m or leave empty."))
        return self.GENDERS[value]

    def clean_preferred_language(self):
        value = (self.cleaned_data["preferred_language"] or "en").strip().lower()
        if value not in {"en", "ar"}:
            raise forms.ValidationError(_("Use en or ar."))
        return value

    def clean(self):
        data = super().clean()
        if not data.get("name_en") and not data.get("name_ar"):
            self.add_error("name_en", _("Give the name in English or Arabic (or both)."))
        single_title = data.pop("title", "")
        if single_title and not data.get("title_en") and not data.get("title_ar"):
            key = "title_ar" if is_arabic_text(single_title) else "title_en"
            data[key] = single_title
        return data
