"""Forms for inviting people to a meeting: the group's people, or anyone in
the directory as an ad-hoc invitee (assessment Annex 1.1)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.bidi import bdi_join
from coordination.forms import NamedForm

from ..models import Contact, Meeting


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
    contact = forms.ModelChoiceField(
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
        self.fields["contact"].label_from_instance = lambda c: bdi_join(
            [c.name, str(c.organization)]
        )
