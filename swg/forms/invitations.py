"""Forms for inviting people to a meeting: the group's people, or anyone in
the directory as an ad-hoc invitee (assessment Annex 1.1)."""

from urllib.parse import urlencode

from django import forms
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from coordination.forms import NamedForm
from coordination.search_select import SearchModelChoiceField

from ..models import Contact, Meeting
from ..selectors.search import contact_label


class MemberInviteForm(NamedForm):
    form_name = "members"
    submit_label = _("Invite the chosen people")
    contacts = forms.TypedMultipleChoiceField(
        label=_("The group's people"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].choices = [
            (
                e.contact.pk,
                f"{e.contact.name} — {e.contact.organization} ({e.role_label})",
            )
            for e in entries
        ]
        self.fields["contacts"].initial = [e.contact.pk for e in entries]


class AdHocInviteForm(NamedForm):
    form_name = "ad_hoc"
    submit_label = _("Invite")
    # Searched as one types (docs/architecture.md "Searchable selects").
    contact = SearchModelChoiceField(
        search_url=reverse_lazy("swg:contact_search"),
        label=_("Person"),
        queryset=Contact.objects.none(),
        help_text=_(
            "An ad-hoc invitee is invited to this meeting only and does not become a member."
        ),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = (
            Contact.objects.filter(is_active=True)
            .exclude(invitations__meeting=meeting)
            .select_related("organization")
            .order_by("name_en", "name_ar")
        )
        self.fields["contact"].label_from_instance = contact_label
        # The group's people come first in the search; those invited already
        # are left out, as the queryset leaves them out.
        self.fields["contact"].widget.search_url = (
            reverse("swg:contact_search")
            + "?"
            + urlencode({"swg": meeting.swg.slug, "not_invited_to": meeting.pk})
        )
