import django_filters
from django.utils.translation import gettext_lazy as _

from coordination.forms import DateInput

from ..models import SWG, Meeting


class MeetingFilter(django_filters.FilterSet):
    """Calendar filters. Dates are Tripoli dates (``__date`` uses the current
    time zone). ``swgs`` limits the group choices to the visible groups;
    ``fixed_swg`` drops the group filter on a group's own calendar."""

    swg = django_filters.ModelChoiceFilter(label=_("Working group"), queryset=SWG.objects.none())
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Meeting.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Meeting.Status.choices)
    starts_after = django_filters.DateFilter(
        label=_("From"), field_name="starts_at", lookup_expr="date__gte", widget=DateInput()
    )
    starts_before = django_filters.DateFilter(
        label=_("To"), field_name="starts_at", lookup_expr="date__lte", widget=DateInput()
    )

    class Meta:
        model = Meeting
        fields = ["swg", "kind", "status", "starts_after", "starts_before"]

    def __init__(self, *args, swgs=None, fixed_swg: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if fixed_swg:
            del self.filters["swg"]
        else:
            self.filters["swg"].queryset = (
                (swgs if swgs is not None else SWG.objects.all())
                .filter(is_active=True)
                .order_by("number", "name_en")
            )


class MeetingMonthFilter(MeetingFilter):
    """The month grid chooses its dates with the month itself."""

    starts_after = None
    starts_before = None

    class Meta:
        model = Meeting
        fields = ["swg", "kind", "status"]
