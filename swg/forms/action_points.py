"""Forms for action points (owner, person, due date, status)."""

from urllib.parse import urlencode

from django import forms
from django.urls import reverse, reverse_lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from coordination.forms import ARABIC, DateInput, PortalForm, PortalModelForm
from coordination.search_select import SearchModelChoiceField, SearchSelect

from ..models import ActionPoint, Contact, Membership, Organization
from ..selectors.search import contact_label, group_people


class ActionPointForm(PortalModelForm):
    """The owner organization and person are searchable selects: the group's
    member organizations and people are offered first, and the person is
    searched within the chosen organization."""

    submit_label = _("Add action point")
    owner_organization = SearchModelChoiceField(
        Organization.objects.filter(is_active=True),
        label=capfirst(ActionPoint._meta.get_field("owner_organization").verbose_name),
        search_url=reverse_lazy("swg:organization_search"),
    )
    owner_contact = SearchModelChoiceField(
        Contact.objects.filter(is_active=True).select_related("organization"),
        label=capfirst(ActionPoint._meta.get_field("owner_contact").verbose_name),
        required=False,
        widget=SearchSelect(depends_on="owner_organization", depends_param="organization"),
    )

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
            swg = minutes.meeting.swg
        else:
            self.fields.pop("minutes_item", None)
            swg = self.instance.swg
        members = Organization.objects.filter(
            pk__in=Membership.objects.active().filter(swg=swg).values("organization_id")
        )
        organizations = self.fields["owner_organization"]
        organizations.set_preset(sorted(members, key=lambda o: str(o).casefold()))
        person = self.fields["owner_contact"]
        person.label_from_instance = contact_label
        person.widget.search_url = (
            reverse("swg:contact_search") + "?" + urlencode({"swg": swg.slug})
        )
        person.set_preset(group_people(swg=swg, organization_id=self._chosen_organization()))

    def _chosen_organization(self) -> int | None:
        value = self["owner_organization"].value()
        return int(value) if value and str(value).isdigit() else None


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
    note = forms.CharField(
        label=_("Progress note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What has been done and what is next; kept with your name and the date."),
    )
