import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.filters import YesNoFilter

from ..models import Correspondence


class CorrespondenceFilter(django_filters.FilterSet):
    """The register: direction, type, channel, follow-up, overdue, year, and a
    search over reference and subject."""

    q = django_filters.CharFilter(label=_("Reference or subject"), method="by_text")
    direction = django_filters.ChoiceFilter(
        label=_("Direction"), choices=Correspondence.Direction.choices, empty_label=_("Any")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=Correspondence.Kind.choices, empty_label=_("Any type")
    )
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=Correspondence.Channel.choices, empty_label=_("Any channel")
    )
    follow_up_status = django_filters.ChoiceFilter(
        label=_("Follow-up"), choices=Correspondence.FollowUp.choices, empty_label=_("Any")
    )
    overdue = YesNoFilter(label=_("Follow-up overdue"), method="by_overdue")
    year = django_filters.NumberFilter(label=_("Year"), field_name="year")

    class Meta:
        model = Correspondence
        fields = ["q", "direction", "kind", "channel", "follow_up_status", "overdue", "year"]

    def by_text(self, queryset, name, value):
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(subject_en__icontains=value)
            | Q(subject_ar__icontains=value)
        )

    def by_overdue(self, queryset, name, value):
        overdue = Q(
            follow_up_status=Correspondence.FollowUp.OPEN,
            follow_up_due__lt=timezone.localdate(),
        )
        return queryset.filter(overdue) if value else queryset.exclude(overdue)
