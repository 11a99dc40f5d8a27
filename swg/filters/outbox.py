import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from coordination.models import OutboxMessage
from coordination.outbox import PURPOSE_LABELS, outbox_purpose_label

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
        # The purposes the apps registered (coordination/outbox.py), not a scan of
        # the table; the groups the user's messages name, one index probe per group.
        self.filters["purpose"].extra["choices"] = lambda: sorted(
            ((p, outbox_purpose_label(p)) for p in PURPOSE_LABELS),
            key=lambda choice: choice[1],
        )
        visible = self.queryset.order_by()
        self.filters["swg"].queryset = SWG.objects.filter(
            Exists(visible.filter(swg=OuterRef("pk")))
        ).order_by("number", "name_en")

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(recipient_email__icontains=value) | Q(recipient_name__icontains=value)
        )
