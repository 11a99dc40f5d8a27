import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordination.models import OutboxMessage
from coordination.outbox import outbox_purpose_label

from ..models import SWG


class OutboxFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Recipient"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OutboxMessage.Status.choices)
    purpose = django_filters.ChoiceFilter(label=_("Purpose"), choices=[])
    swg = django_filters.ModelChoiceFilter(label=_("Working group"), queryset=SWG.objects.none())

    class Meta:
        model = OutboxMessage
        fields = ["q", "status", "purpose", "swg"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only what the user's messages have (one query each, whatever the size).
        visible = self.queryset.order_by()
        self.filters["purpose"].extra["choices"] = lambda: sorted(
            (
                (p, outbox_purpose_label(p))
                for p in visible.values_list("purpose", flat=True).distinct().order_by()
            ),
            key=lambda choice: choice[1],
        )
        self.filters["swg"].queryset = SWG.objects.filter(
            pk__in=visible.filter(swg__isnull=False).values("swg_id")
        ).order_by("number", "name_en")

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(recipient_email__icontains=value) | Q(recipient_name__icontains=value)
        )
