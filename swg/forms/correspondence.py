"""The correspondence register's entry form."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from coordination.forms import ARABIC, DateInput, PortalModelForm
from coordination.search_select import SearchModelChoiceField, SearchModelMultipleChoiceField

from ..models import SWG, Correspondence, Document, Meeting, Organization
from ..selectors.search import document_label, meeting_label


def _organization_field(name: str) -> SearchModelChoiceField:
    """Any organization, searched as one types (docs/architecture.md "Searchable
    selects"): the directory is never rendered as options."""
    return SearchModelChoiceField.for_model_field(
        Correspondence,
        name,
        Organization.objects.all(),
        search_url=reverse_lazy("swg:organization_search"),
    )


class CorrespondenceForm(PortalModelForm):
    from_organization = _organization_field("from_organization")
    to_organization = _organization_field("to_organization")
    # Ten years of meetings and documents are searched, never listed whole.
    documents = SearchModelMultipleChoiceField.for_model_field(
        Correspondence,
        "documents",
        Document.objects.none(),
        search_url=reverse_lazy("swg:document_search"),
    )
    meetings = SearchModelMultipleChoiceField.for_model_field(
        Correspondence,
        "meetings",
        Meeting.objects.none(),
        search_url=reverse_lazy("swg:meeting_search"),
    )

    class Meta:
        model = Correspondence
        fields = [
            "reference",
            "date",
            "direction",
            "kind",
            "channel",
            "from_organization",
            "to_organization",
            "subject_en",
            "subject_ar",
            "swg",
            "documents",
            "meetings",
            "follow_up_due",
            "follow_up_status",
            "notes",
        ]
        widgets = {
            "date": DateInput(),
            "follow_up_due": DateInput(),
            "subject_ar": forms.TextInput(attrs=ARABIC),
            "notes": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        }
        help_texts = {
            "reference": _("Unique within the year; the next free number is suggested."),
        }

    def __init__(self, *args, documents=None, meetings=None, **kwargs):
        """``documents`` and ``meetings``: those the user may attach (what
        validates the chosen ones)."""
        super().__init__(*args, **kwargs)
        self.fields["swg"].queryset = SWG.objects.filter(is_active=True).order_by("number")
        self.fields["documents"].queryset = (
            documents if documents is not None else Document.objects.none()
        ).select_related("swg")
        self.fields["documents"].label_from_instance = document_label
        self.fields["meetings"].queryset = (
            meetings if meetings is not None else Meeting.objects.none()
        ).select_related("swg")
        self.fields["meetings"].label_from_instance = meeting_label
