"""Forms of the document archive: file a document, describe it, add a version.
The file field checks the upload by its content (swg.exchange.documents)
before anything is saved; a rejected file leaves nothing behind."""

from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coordination.forms import DateInput, PortalForm, PortalModelForm
from coordination.search_select import SearchModelChoiceField, SearchSelect

from ..exchange.documents import ACCEPTED, DocumentRejected, document_check_upload
from ..models import SWG, Document, Meeting
from ..selectors.search import meeting_label

RECENT_MEETINGS = 10
ACCEPT_ATTRIBUTE = ",".join(sorted({ext for exts in ACCEPTED.values() for ext in exts}))


class DocumentFileField(forms.FileField):
    """A file the archive takes; ``clean`` returns it with ``content_type``
    set from its bytes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("File"))
        kwargs.setdefault(
            "help_text",
            _("PDF, Word (.docx), Excel (.xlsx), OpenDocument text (.odt) or an image."),
        )
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            try:
                upload.detected_type = document_check_upload(
                    upload, name=upload.name, size=upload.size
                )
            except DocumentRejected as error:
                raise forms.ValidationError(str(error)) from None
        return upload


class DocumentDetailsForm(PortalModelForm):
    """What a document is; its group is chosen when it is filed. The meeting is
    a searchable select (docs/architecture.md "Searchable selects") over the
    group's meetings: the most recent are offered first, the rest are searched."""

    meeting = SearchModelChoiceField.for_model_field(
        Document,
        "meeting",
        Meeting.objects.none(),
        search_url="",
        widget=SearchSelect(depends_on="swg"),
    )

    class Meta:
        model = Document
        fields = [
            "title",
            "description",
            "category",
            "document_date",
            "language",
            "visibility",
            "meeting",
        ]
        widgets = {
            "document_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "title": forms.TextInput(attrs={"dir": "auto"}),
        }

    def __init__(self, *args, swgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        swg_ids = (
            [self.instance.swg_id]
            if self.instance.pk
            else list(swgs.values_list("pk", flat=True))
            if swgs is not None
            else []
        )
        meeting = self.fields["meeting"]
        meeting.queryset = Meeting.objects.filter(swg_id__in=swg_ids).select_related("swg")
        meeting.label_from_instance = meeting_label
        meeting.widget.search_url = reverse("swg:meeting_search")
        if self.instance.pk:
            # The group is fixed: search within it, offer its latest meetings.
            meeting.widget.depends_on = ""
            meeting.widget.search_url += "?" + urlencode({"swg": self.instance.swg_id})
            meeting.set_preset(meeting.queryset.order_by("-starts_at")[:RECENT_MEETINGS])


class DocumentUploadForm(DocumentDetailsForm):
    submit_label = _("Upload")

    swg = forms.ModelChoiceField(label=_("Working group"), queryset=SWG.objects.none())
    file = DocumentFileField()

    class Meta(DocumentDetailsForm.Meta):
        fields = ["swg", *DocumentDetailsForm.Meta.fields]

    def __init__(self, *args, swgs, **kwargs):
        super().__init__(*args, swgs=swgs, **kwargs)
        self.fields["swg"].queryset = swgs
        self.order_fields(["swg", "file", *DocumentDetailsForm.Meta.fields])

    def clean(self):
        data = super().clean()
        swg, meeting = data.get("swg"), data.get("meeting")
        if swg and meeting and meeting.swg_id != swg.pk:
            self.add_error("meeting", _("Choose a meeting of this working group."))
        return data


class DocumentVersionForm(PortalForm):
    submit_label = _("Upload the new version")

    file = DocumentFileField()
