"""The correspondence register's entry form."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from coordination.forms import ARABIC, DateInput, PortalModelForm
from coordination.search_select import SearchModelChoiceField

from ..models import SWG, Correspondence, Document, Meeting, Organization


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

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swg"].queryset = SWG.objects.filter(is_active=True).order_by("number")
        self.fields["documents"].queryset = (
            documents if documents is not None else Document.objects.none()
        ).order_by("-document_date")
        self.fields["documents"].required = False
        self.fields["meetings"].queryset = Meeting.objects.select_related("swg").order_by(
            "-starts_at"
        )
        self.fields["meetings"].required = False
        self.fields["meetings"].label_from_instance = lambda m: (
            f"{m.swg.name} — {m} ({m.starts_at:%Y-%m-%d})"
        )
