import django_filters
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from coordination.filters import YesNoFilter
from coordination.search_select import SearchModelChoiceFilter

from ..models import SWG, Contact, Organization


class ContactFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    # Searched, never listed whole (coordination/search_select.py).
    organization = SearchModelChoiceFilter(
        label=_("Organization"),
        queryset=Organization.objects.all(),
        search_url=reverse_lazy("swg:organization_search"),
    )
    org_type = django_filters.ChoiceFilter(
        label=_("Organization type"),
        field_name="organization__org_type",
        choices=Organization.Type.choices,
    )
    swg = django_filters.ModelChoiceFilter(
        label=_("Working group"), queryset=SWG.objects.filter(is_active=True), method="in_swg"
    )
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Contact.Gender.choices)
    is_active = YesNoFilter(label=_("Active"))
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("name_en", "name"), ("organization__name_en", "organization"), ("email", "email")),
        field_labels={
            "name": _("Name"),
            "-name": _("Name (descending)"),
            "organization": _("Organization"),
            "-organization": _("Organization (descending)"),
            "email": _("Email"),
            "-email": _("Email (descending)"),
        },
    )

    class Meta:
        model = Contact
        fields = ["q", "organization", "org_type", "swg", "gender", "is_active"]

    def search(self, queryset, name, value):
        terms = Q()
        for field in (
            "name_en",
            "name_ar",
            "email",
            "title_en",
            "title_ar",
            "organization__name_en",
            "organization__name_ar",
            "organization__acronym",
        ):
            terms |= Q(**{f"{field}__icontains": value})
        return queryset.filter(terms)

    def in_swg(self, queryset, name, value):
        ids = Contact.objects.filter(
            Q(memberships__swg=value, memberships__end_date__isnull=True)
            | Q(focal_points__swg=value, focal_points__ended_on__isnull=True)
        ).values("pk")
        return queryset.filter(pk__in=ids)
