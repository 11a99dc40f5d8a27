"""The project list's filters, shared by the web list and the API (issue part 8:
"the same filters as the web list")."""

import django_filters
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from coordination.search_select import SearchModelChoiceFilter
from swg.models import SWG, Organization, Subsector

from ..models import District, NationalPriority, Project, ProjectParticipant

# Organization filters search instead of listing every organization (3,000 at a
# regional deployment): coordination/search_select.py.
ORGANIZATION_SEARCH = reverse_lazy("swg:organization_search")


def _participant_filter(role, label):
    return SearchModelChoiceFilter(
        label=label,
        queryset=Organization.objects.all(),
        method=f"with_{role.name.lower()}",
        search_url=ORGANIZATION_SEARCH,
    )


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    swg = django_filters.ModelChoiceFilter(
        label=_("Working group"),
        queryset=SWG.objects.filter(is_active=True).order_by("number", "name_en"),
    )
    subsector = django_filters.ModelChoiceFilter(
        label=_("Subsector"),
        queryset=Subsector.objects.filter(is_active=True).select_related("swg"),
    )
    national_priority = django_filters.ModelChoiceFilter(
        label=_("National priority"), queryset=NationalPriority.objects.filter(is_active=True)
    )
    owner = SearchModelChoiceFilter(
        label=_("Reporting organization"),
        queryset=Organization.objects.all(),
        search_url=ORGANIZATION_SEARCH,
    )
    donor = _participant_filter(ProjectParticipant.Role.FUNDING, _("Donor"))
    implementer = _participant_filter(ProjectParticipant.Role.IMPLEMENTING, _("Implementer"))
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=District.objects.all(), method="in_district"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Project.Status.choices)
    year = django_filters.NumberFilter(
        label=_("Active in year"),
        method="active_in",
        min_value=1950,
        max_value=2100,
        decimal_places=0,
    )
    state = django_filters.ChoiceFilter(label=_("Publication"), choices=Project.State.choices)

    class Meta:
        model = Project
        fields = [
            "q",
            "swg",
            "subsector",
            "national_priority",
            "owner",
            "donor",
            "implementer",
            "district",
            "status",
            "year",
            "state",
        ]

    def search(self, queryset, name, value):
        terms = Q()
        for field in ("title_en", "title_ar", "description_en", "iati_identifier"):
            terms |= Q(**{f"{field}__icontains": value})
        return queryset.filter(terms)

    def _with_role(self, queryset, organization, role):
        ids = ProjectParticipant.objects.filter(organization=organization, role=role).values(
            "project_id"
        )
        return queryset.filter(pk__in=ids)

    def with_funding(self, queryset, name, value):
        return self._with_role(queryset, value, ProjectParticipant.Role.FUNDING)

    def with_implementing(self, queryset, name, value):
        return self._with_role(queryset, value, ProjectParticipant.Role.IMPLEMENTING)

    def in_district(self, queryset, name, value):
        # A nationwide project works in every district.
        ids = Project.districts.through.objects.filter(district=value).values("project_id")
        return queryset.filter(Q(nationwide=True) | Q(pk__in=ids))

    def active_in(self, queryset, name, value):
        year = int(value)
        return queryset.filter(planned_start__year__lte=year).filter(
            Q(planned_end__isnull=True) | Q(planned_end__year__gte=year)
        )
