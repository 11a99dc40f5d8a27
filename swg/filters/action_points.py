import django_filters
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.filters import YesNoFilter
from coordination.search_select import SearchModelChoiceFilter

from ..models import SWG, ActionPoint, Organization

OPEN = "current"


class ActionPointFilter(django_filters.FilterSet):
    """Action point lists per SWG and per organization (status, owner, overdue)."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(OPEN, _("Open or in progress")), *ActionPoint.Status.choices],
        method="by_status",
        empty_label=_("Any status"),
    )
    # Searched, never listed whole (coordination/search_select.py).
    owner = SearchModelChoiceFilter(
        label=_("Owner"),
        field_name="owner_organization",
        queryset=Organization.objects.none(),
        search_url=reverse_lazy("swg:organization_search"),
    )
    swg = django_filters.ModelChoiceFilter(
        label=_("Working group"), field_name="swg", queryset=SWG.objects.none()
    )
    overdue = YesNoFilter(label=_("Overdue"), method="by_overdue")

    class Meta:
        model = ActionPoint
        fields = ["status", "owner", "swg", "overdue"]

    def __init__(self, *args, owners=None, swgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A list per SWG filters by owner, a list per organization by group.
        if owners is None:
            del self.filters["owner"]
        else:
            self.filters["owner"].queryset = owners
        if swgs is None:
            del self.filters["swg"]
        else:
            self.filters["swg"].queryset = swgs

    def by_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(status__in=ActionPoint.OPEN_STATUSES)
        return queryset.filter(status=value)

    def by_overdue(self, queryset, name, value):
        overdue = Q(status__in=ActionPoint.OPEN_STATUSES, due_date__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)
