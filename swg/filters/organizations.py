import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import SWG, Organization


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    org_type = django_filters.ChoiceFilter(label=_("Type"), choices=Organization.Type.choices)
    swg = django_filters.ModelChoiceFilter(
        label=_("Member of"), queryset=SWG.objects.filter(is_active=True), method="in_swg"
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("name_en", "name"), ("acronym", "acronym"), ("org_type", "type")),
        field_labels={
            "name": _("Name"),
            "-name": _("Name (descending)"),
            "acronym": _("Acronym"),
            "-acronym": _("Acronym (descending)"),
            "type": _("Type"),
            "-type": _("Type (descending)"),
        },
    )

    class Meta:
        model = Organization
        fields = ["q", "org_type", "swg"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name_en__icontains=value) | Q(name_ar__icontains=value) | Q(acronym__icontains=value)
        )

    def in_swg(self, queryset, name, value):
        ids = Organization.objects.filter(
            memberships__swg=value, memberships__end_date__isnull=True
        ).values("pk")
        return queryset.filter(pk__in=ids)
