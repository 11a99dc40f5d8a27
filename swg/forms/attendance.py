"""Forms for the attendance sheet of a meeting and its walk-ins."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from coordination.forms import DirectionControlsStripped, PortalForm
from coordination.search_select import SearchModelChoiceField

from ..models import Attendance, Contact
from ..selectors.search import contact_label

STATUS_FIELD = "status_{}"


class AttendanceSheetForm(DirectionControlsStripped, forms.Form):
    """One radio group per person on the sheet (invitees and walk-ins)."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[STATUS_FIELD.format(row.contact.pk)] = forms.ChoiceField(
                label=row.contact.name,
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=row.status or row.expected_status or None,
            )

    def sheet(self):
        """(row, bound field) pairs for the template."""
        return [(row, self[STATUS_FIELD.format(row.contact.pk)]) for row in self.rows]

    def entries(self):
        """(contact, status) for every person given a status."""
        return [
            (row.contact, self.cleaned_data[STATUS_FIELD.format(row.contact.pk)])
            for row in self.rows
            if self.cleaned_data.get(STATUS_FIELD.format(row.contact.pk))
        ]


class WalkInForm(PortalForm):
    submit_label = _("Add to the attendance")
    # Searched as one types (docs/architecture.md "Searchable selects").
    contact = SearchModelChoiceField(
        search_url=reverse_lazy("swg:contact_search"),
        label=_("Person"),
        queryset=Contact.objects.none(),
        help_text=_("Anyone in the contact directory."),
    )
    status = forms.ChoiceField(
        label=_("Attendance"),
        choices=Attendance.Status.choices,
        initial=Attendance.Status.PRESENT,
        widget=forms.RadioSelect,
    )
    is_walk_in = forms.BooleanField(
        label=_("Walk-in (came without an invitation)"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = (
            Contact.objects.filter(is_active=True)
            .select_related("organization")
            .order_by("name_en", "name_ar")
        )
        self.fields["contact"].label_from_instance = contact_label
