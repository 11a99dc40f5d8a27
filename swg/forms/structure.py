"""Forms for restructuring the groups (assessment Annex 2a) and for reading
a group's structure as of a date."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.forms import ARABIC, DateInput, DirectionControlsStripped, PortalForm

from ..models import SWG, Subsector


class RenameForm(PortalForm):
    submit_label = _("Rename")
    name_en = forms.CharField(label=_("New name (English)"), max_length=255, required=False)
    name_ar = forms.CharField(
        label=_("New name (Arabic)"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs=ARABIC),
    )
    effective_on = forms.DateField(
        label=_("Effective on"), initial=timezone.localdate, widget=DateInput()
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if not data.get("name_en") and not data.get("name_ar"):
            self.add_error("name_en", _("Give the name in English or Arabic (or both)."))
        return data


class SubsectorAddForm(RenameForm):
    submit_label = _("Add subsector")
    name_en = forms.CharField(label=_("Subsector name (English)"), max_length=255, required=False)
    name_ar = forms.CharField(
        label=_("Subsector name (Arabic)"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs=ARABIC),
    )


class SubsectorMoveForm(PortalForm):
    submit_label = _("Move subsector")
    subsector = forms.ModelChoiceField(label=_("Subsector"), queryset=Subsector.objects.none())
    to_swg = forms.ModelChoiceField(label=_("Move to"), queryset=SWG.objects.none())
    effective_on = forms.DateField(
        label=_("Effective on"), initial=timezone.localdate, widget=DateInput()
    )

    def __init__(self, *args, swg: SWG, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subsector"].queryset = swg.subsectors.filter(is_active=True)
        self.fields["to_swg"].queryset = SWG.objects.filter(is_active=True).exclude(pk=swg.pk)


class MergeForm(PortalForm):
    submit_label = _("Merge into this group")
    sources = forms.ModelMultipleChoiceField(
        label=_("Groups to merge into this one"),
        queryset=SWG.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    effective_on = forms.DateField(
        label=_("Effective on"), initial=timezone.localdate, widget=DateInput()
    )

    def __init__(self, *args, swg: SWG, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = SWG.objects.filter(is_active=True).exclude(pk=swg.pk)


class SplitForm(RenameForm):
    submit_label = _("Split off a new group")
    name_en = forms.CharField(label=_("New group name (English)"), max_length=255, required=False)
    name_ar = forms.CharField(
        label=_("New group name (Arabic)"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs=ARABIC),
    )
    subsectors = forms.ModelMultipleChoiceField(
        label=_("Subsectors that move to the new group"),
        queryset=Subsector.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, swg: SWG, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subsectors"].queryset = swg.subsectors.filter(is_active=True)


class RetireForm(PortalForm):
    submit_label = _("Retire this group")
    replaced_by = forms.ModelMultipleChoiceField(
        label=_("Replaced by"),
        queryset=SWG.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    effective_on = forms.DateField(
        label=_("Effective on"), initial=timezone.localdate, widget=DateInput()
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, swg: SWG, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = SWG.objects.filter(is_active=True).exclude(pk=swg.pk)


class AsOfForm(DirectionControlsStripped, forms.Form):
    on = forms.DateField(label=_("Structure as of"), required=False, widget=DateInput())
