"""Forms for attendance, minutes, action points and the membership review.
They check the shape of the input; the rules live in ``swg.minutes_services``."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .forms import DateInput, PortalForm, PortalModelForm
from .models import ActionPoint, Attendance, Contact, MembershipReview, Minutes, Organization

STATUS_FIELD = "status_{}"


class AttendanceSheetForm(forms.Form):
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
                initial=row.status or None,
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
    contact = forms.ModelChoiceField(
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
        self.fields["contact"].label_from_instance = lambda c: f"{c.name} — {c.organization}"


class MinutesForm(PortalModelForm):
    class Meta:
        model = Minutes
        fields = ["language", "attendance_text", "summary"]
        widgets = {
            "attendance_text": forms.Textarea(attrs={"rows": 4}),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        self.helper.form_tag = False
        self.helper.inputs = []


class MinutesItemForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    order = forms.IntegerField(label=_("Order"), required=False, min_value=0)
    title = forms.CharField(label=_("Item"), max_length=300, required=False)
    discussion = forms.CharField(
        label=_("Discussion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decisions = forms.CharField(
        label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


MinutesItemFormSet = forms.formset_factory(MinutesItemForm, extra=1, can_delete=True)


def minutes_item_initial(items) -> list[dict]:
    return [
        {
            "id": i.pk,
            "order": i.order,
            "title": i.title,
            "discussion": i.discussion,
            "decisions": i.decisions,
        }
        for i in items
    ]


def minutes_items_from(formset) -> list[dict]:
    """The formset's rows as the service wants them; blank new rows are skipped."""
    items = []
    for data in formset.cleaned_data:
        if not data:
            continue
        if not data.get("id") and not (data.get("title") or "").strip():
            continue
        items.append({**data, "delete": data.get("DELETE", False)})
    return items


class ReturnForm(PortalForm):
    submit_label = _("Return to the secretariat")
    comment = forms.CharField(
        label=_("What should change"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ActionPointForm(PortalModelForm):
    submit_label = _("Add action point")

    class Meta:
        model = ActionPoint
        fields = ["minutes_item", "description", "owner_organization", "owner_contact", "due_date"]
        widgets = {"due_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, minutes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if minutes is not None:
            self.fields["minutes_item"].queryset = minutes.items.order_by("order", "pk")
            self.fields["minutes_item"].required = True
        else:
            self.fields.pop("minutes_item", None)
        self.fields["owner_organization"].queryset = Organization.objects.filter(
            is_active=True
        ).order_by("name_en")
        self.fields["owner_contact"].queryset = (
            Contact.objects.filter(is_active=True)
            .select_related("organization")
            .order_by("name_en", "name_ar")
        )
        self.fields["owner_contact"].label_from_instance = lambda c: f"{c.name} — {c.organization}"


class ActionPointEditForm(ActionPointForm):
    submit_label = _("Save")

    class Meta(ActionPointForm.Meta):
        fields = ["description", "owner_organization", "owner_contact", "due_date", "status"]


class ActionPointStatusForm(PortalForm):
    submit_label = _("Update")
    status = forms.ChoiceField(label=_("Status"), choices=ActionPoint.Status.choices)


class ReviewDecisionForm(PortalForm):
    submit_label = _("Record decision")
    decision = forms.ChoiceField(
        label=_("Decision"), choices=MembershipReview.Decision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when ending the membership: it becomes the reason."),
    )
