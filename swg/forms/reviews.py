"""The chair's decision in the annual membership reassessment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.forms import DirectionControlsStripped

from ..models import MembershipReview


class ReviewSheetForm(DirectionControlsStripped, forms.Form):
    """One form for every member of the reassessment: per membership a decision
    (or none) and a note, named ``m<pk>-decision`` and ``m<pk>-note``. Plain
    fields with no queryset, drawn by the template as one table, so the page
    stays fast with hundreds of members."""

    DECISIONS = MembershipReview.Decision.choices

    def __init__(self, *args, membership_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership_ids = list(membership_ids)
        for pk in self.membership_ids:
            self.fields[f"m{pk}-decision"] = forms.ChoiceField(
                choices=[("", _("No decision")), *self.DECISIONS], required=False
            )
            self.fields[f"m{pk}-note"] = forms.CharField(required=False, max_length=2000)

    def decisions(self) -> list[tuple[int, str, str]]:
        """(membership pk, decision, note) for every row given a decision."""
        return [
            (pk, self.cleaned_data[f"m{pk}-decision"], self.cleaned_data[f"m{pk}-note"])
            for pk in self.membership_ids
            if self.cleaned_data.get(f"m{pk}-decision")
        ]

    def row(self, pk) -> dict:
        """What the template shows in one row: the chosen decision, the note
        and their errors."""
        decision, note = f"m{pk}-decision", f"m{pk}-note"
        return {
            "decision": self.data.get(decision, "") if self.is_bound else "",
            "note": self.data.get(note, "") if self.is_bound else "",
            "errors": [*self.errors.get(decision, []), *self.errors.get(note, [])],
        }
