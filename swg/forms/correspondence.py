"""The correspondence register's entry form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.forms import ARABIC, DateInput, PortalModelForm

from ..models import SWG, Correspondence, Document, Meeting, Organization


class CorrespondenceForm(PortalModelForm):
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
        organizations = Organization.objects.order_by("name_en")
        self.fields["from_organization"].queryset = organizations
        self.fields["to_organization"].queryset = organizations
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
