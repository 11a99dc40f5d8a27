"""Forms for meetings and their agendas. They parse input; the rules (a meeting
ends after it starts, an online meeting has a link…) live in
``swg.services.meetings`` and come back at the fields through ``apply_errors``."""

from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from coordination.bidi import bdi_join, bdi_text
from coordination.forms import ARABIC, DateTimeInput, NamedForm, PortalForm
from coordination.search_select import SearchModelChoiceField

from ..models import ActionPoint, Contact, Meeting
from ..selectors.search import contact_label, group_people


class MeetingForm(PortalForm):
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)
    title_ar = forms.CharField(
        label=_("Title (Arabic)"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs=ARABIC),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    is_formal = forms.BooleanField(
        label=_("Formal meeting"),
        required=False,
        initial=True,
        help_text=_("Informal meetings need no minutes."),
    )
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=DateTimeInput(), help_text=_("Tripoli time.")
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), widget=DateTimeInput(), help_text=_("Tripoli time.")
    )
    city = forms.ChoiceField(label=_("City"), choices=Meeting.City.choices)
    city_other = forms.CharField(
        label=_("Other city"),
        max_length=100,
        required=False,
        help_text=_("When the city is “Other city”."),
    )
    venue_en = forms.CharField(
        label=_("Venue (English)"),
        max_length=255,
        required=False,
        help_text=_("For example: Ministry of Planning, meeting room 2."),
    )
    venue_ar = forms.CharField(
        label=_("Venue (Arabic)"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs=ARABIC),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        assume_scheme="https",
        required=False,
        help_text=_("For an online meeting, or for those who join from elsewhere."),
    )

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        return {name: getattr(meeting, name) for name in cls.base_fields}


class MeetingCancelForm(PortalForm):
    submit_label = _("Cancel the meeting")
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        required=False,
        help_text=_("Sent to the invitees with the cancellation."),
    )


class MeetingPostponeForm(PortalForm):
    submit_label = _("Postpone")
    starts_at = forms.DateTimeField(
        label=_("New start"), widget=DateTimeInput(), help_text=_("Tripoli time.")
    )
    ends_at = forms.DateTimeField(
        label=_("New end"), widget=DateTimeInput(), help_text=_("Tripoli time.")
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class AgendaItemForm(NamedForm):
    """An agenda item; the presenter is a searchable select offering the
    group's people first (coordination/search_select.py)."""

    form_name = "item"
    submit_label = _("Add to the agenda")
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("When the item starts, Tripoli time (shown on the printed agenda)."),
    )
    title_en = forms.CharField(label=_("Item (English)"), max_length=300, required=False)
    title_ar = forms.CharField(
        label=_("Item (Arabic)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs=ARABIC),
    )
    presenter = SearchModelChoiceField(
        Contact.objects.filter(is_active=True).select_related("organization"),
        label=_("Presenter"),
        required=False,
    )
    document_url = forms.URLField(label=_("Linked document"), required=False, assume_scheme="https")

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        presenter = self.fields["presenter"]
        presenter.label_from_instance = contact_label
        presenter.widget.search_url = (
            reverse("swg:contact_search") + "?" + urlencode({"swg": meeting.swg.slug})
        )
        presenter.set_preset(group_people(swg=meeting.swg))


class AgendaItemEditForm(AgendaItemForm):
    submit_label = _("Save")


# A group keeps hundreds of open action points over the years: the agenda page
# offers the ones due soonest and links to the rest ("More", as the minutes'
# panel does for the carried-over points).
FOLLOW_UPS_SHOWN = 25


class FollowUpForm(NamedForm):
    form_name = "follow_up"
    submit_label = _("Add the chosen follow-ups")
    action_points = forms.ModelMultipleChoiceField(
        label=_("Open action points of the group"),
        queryset=ActionPoint.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates, shown: int = FOLLOW_UPS_SHOWN, **kwargs):
        """Offers the ``shown`` due soonest of ``candidates`` (``more`` says
        whether there are others); any of them validates."""
        super().__init__(*args, **kwargs)
        field = self.fields["action_points"]
        field.queryset = candidates
        field.label_from_instance = self.label
        offered = list(candidates[: shown + 1])
        self.more = len(offered) > shown
        field.widget.choices = [(point.pk, self.label(point)) for point in offered[:shown]]

    @staticmethod
    def label(point: ActionPoint) -> str:
        # Labels are plain text: the parts are isolated with Unicode marks, and the
        # date follows the language (docs/architecture.md, "Text direction").
        due = bdi_text(date_format(point.due_date, "DATE_FORMAT"))
        return f"{bdi_join([point.description, str(point.owner_organization)])} ({due})"
