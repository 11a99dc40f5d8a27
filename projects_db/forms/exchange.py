"""The forms of the project exchange: the upload, and the template's choices."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination.forms import PortalForm
from coordination.search_select import SearchModelChoiceField
from coordination.spreadsheets import reader
from swg.models import SWG, Organization

XML_EXTENSIONS = (".xml",)


def _organizations(actor):
    organizations = Organization.objects.filter(is_active=True).order_by("name_en")
    if actor.sees_everything or actor.secretariat_swg_ids:
        return organizations
    return Organization.objects.filter(pk=actor.organization_id)


class ProjectImportForm(PortalForm):
    submit_label = gettext_lazy("Check the file")

    file = forms.FileField(
        label=gettext_lazy("Projects file (XLSX, CSV or IATI XML)"),
        help_text=gettext_lazy(
            "Fill in the template (or an exported list) and upload it, or upload an IATI 2.03 "
            "activity file. Every row is checked and you see what would change before anything "
            "is saved."
        ),
    )
    # Searched as one types (docs/architecture.md "Searchable selects").
    organization = SearchModelChoiceField(
        search_url=reverse_lazy("swg:organization_search"),
        label=gettext_lazy("The file is for"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Every project in the file must be reported by this organization; an IATI "
            "activity whose reporting organization the portal does not know is recorded for it."
        ),
    )
    swg = forms.ModelChoiceField(
        label=gettext_lazy("Working group for IATI activities that name none"),
        queryset=SWG.objects.filter(is_active=True).order_by("number", "name_en"),
        required=False,
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["organization"].queryset = _organizations(actor)
        if not (actor.sees_everything or actor.secretariat_swg_ids):
            # A partner imports their own organization's projects only (DESIGN §1).
            self.fields["organization"].initial = actor.organization_id
            self.fields["organization"].disabled = True
            self.fields["organization"].required = True

    def clean_file(self):
        # Only what needs no parsing: the import job reads the file.
        upload = self.cleaned_data["file"]
        if upload.name.lower().endswith(XML_EXTENSIONS):
            if upload.size > settings.IMPORT_MAX_BYTES:
                raise forms.ValidationError(
                    _("The file is larger than %(limit)s.")
                    % {"limit": filesizeformat(settings.IMPORT_MAX_BYTES)}
                )
            return upload
        try:
            reader.spreadsheet_check_file(upload, name=upload.name)
        except reader.SpreadsheetRejected as exc:
            raise forms.ValidationError(
                _("Upload a .xlsx, .csv or IATI .xml file.")
                if upload.name.lower().rsplit(".", 1)[-1] not in ("csv", "xlsx")
                else str(exc)
            ) from None
        return upload


class TemplateForm(PortalForm):
    submit_label = gettext_lazy("Download the template")

    language = forms.ChoiceField(
        label=gettext_lazy("Headers in"),
        choices=[("en", gettext_lazy("English")), ("ar", gettext_lazy("Arabic"))],
        initial="en",
    )
    # Searched as one types (docs/architecture.md "Searchable selects").
    organization = SearchModelChoiceField(
        search_url=reverse_lazy("swg:organization_search"),
        label=gettext_lazy("Pre-filled with the projects of"),
        queryset=Organization.objects.none(),
        required=False,
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_method = "get"
        self.fields["organization"].queryset = _organizations(actor)
        if not (actor.sees_everything or actor.secretariat_swg_ids):
            self.fields["organization"].initial = actor.organization_id
            self.fields["organization"].disabled = True
