"""The chair's decision in the annual membership reassessment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.forms import PortalForm

from ..models import MembershipReview


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
