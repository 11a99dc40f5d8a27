"""Forms for action points (owner, person, due date, status)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.bidi import bdi_join
from coordination.forms import ARABIC, DateInput, PortalForm, PortalModelForm

from ..models import ActionPoint, Contact, Organization


class ActionPointForm(PortalModelForm):
    submit_label = _("Add action point")

    class Meta:
        model = ActionPoint
        fields = [
            "minutes_item",
            "description_en",
            "description_ar",
            "owner_organization",
            "owner_contact",
            "due_date",
        ]
        widgets = {
            "due_date": DateInput(),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_ar": forms.Textarea(attrs={"rows": 3, **ARABIC}),
        }

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
        self.fields["owner_contact"].label_from_instance = lambda c: bdi_join(
            [c.name, str(c.organization)]
        )


class ActionPointEditForm(ActionPointForm):
    submit_label = _("Save")

    class Meta(ActionPointForm.Meta):
        fields = [
            "description_en",
            "description_ar",
            "owner_organization",
            "owner_contact",
            "due_date",
            "status",
        ]


class ActionPointStatusForm(PortalForm):
    submit_label = _("Update")
    status = forms.ChoiceField(label=_("Status"), choices=ActionPoint.Status.choices)
