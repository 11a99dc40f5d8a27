"""The outbox page: every email the portal sent or will send, with its state
(DESIGN §3 "Sent messages": "visible to the secretariat")."""

import django_filters
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from swg import permissions
from swg.models import SWG
from swg.views.common import paginate

from . import outbox
from .models import OutboxMessage


class OutboxFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=gettext_lazy("Recipient"), method="search")
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=OutboxMessage.Status.choices
    )
    purpose = django_filters.ChoiceFilter(label=gettext_lazy("Purpose"), choices=[])
    swg = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Working group"), queryset=SWG.objects.none()
    )

    class Meta:
        model = OutboxMessage
        fields = ["q", "status", "purpose", "swg"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only what the user's messages have (one query each, whatever the size).
        visible = self.queryset.order_by()
        self.filters["purpose"].extra["choices"] = lambda: [
            (p, p) for p in visible.values_list("purpose", flat=True).distinct().order_by("purpose")
        ]
        self.filters["swg"].queryset = SWG.objects.filter(
            pk__in=visible.filter(swg__isnull=False).values("swg_id")
        ).order_by("number", "name_en")

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(recipient_email__icontains=value) | Q(recipient_name__icontains=value)
        )


def _reason(last_error: str) -> str:
    """The failure reason in the reader's language where it is ours; the mail
    server's own words stay as they are."""
    if last_error.startswith(outbox.UNCERTAIN_DELIVERY):
        return _(outbox.UNCERTAIN_DELIVERY) + last_error[len(outbox.UNCERTAIN_DELIVERY) :]
    return last_error


def _retry(request):
    try:
        message_id = int(request.POST.get("retry", ""))
    except ValueError:
        raise Http404 from None
    message = permissions.get_visible_or_404(
        request.user, OutboxMessage.objects.all(), pk=message_id
    )
    if outbox.outbox_retry(message=message):
        messages.success(
            request,
            _("The message to %(email)s is queued to be sent again.")
            % {"email": message.recipient_email},
        )
    else:
        messages.warning(request, _("Only a failed message can be sent again."))
    query = request.GET.urlencode()
    return redirect(reverse("outbox") + (f"?{query}" if query else ""))


@login_required
def outbox_list(request):
    permissions.require(request.user, "outbox.view")
    if request.method == "POST":
        return _retry(request)
    visible = permissions.scope(request.user, OutboxMessage.objects.all())
    rows = visible.select_related("swg").defer("body_text", "body_html", "attachments")
    filterset = OutboxFilter(request.GET or None, queryset=rows)
    page = paginate(request, filterset.qs.order_by("-created_at", "-pk"))
    for message in page:
        message.reason = _reason(message.last_error)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coordination/outbox_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "retry_query": request.GET.urlencode(),
            "max_attempts": outbox.MAX_ATTEMPTS,
        },
    )
