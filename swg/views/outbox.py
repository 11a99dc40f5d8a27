"""The outbox page: every email the portal sent or will send, with its state
(DESIGN §3 "Sent messages": "visible to the secretariat")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from coordination import outbox
from coordination.models import OutboxMessage
from coordination.web import paginate_bounded, query_without

from .. import permissions
from ..filters.outbox import OutboxFilter
from ..permissions import Action

# Messages counted at most (coordination/web.py BoundedPaginator): 40 pages.
OUTBOX_COUNT_BOUND = 1000


def _reason(last_error: str) -> str:
    """The failure reason in the reader's language where it is ours; the mail
    server's own words stay as they are."""
    if last_error.startswith(outbox.UNCERTAIN_DELIVERY):
        return _(outbox.UNCERTAIN_DELIVERY) + last_error[len(outbox.UNCERTAIN_DELIVERY) :]
    return last_error


def _describe(page) -> None:
    """Each row's texts, each worked out once per page: a page has a few
    languages and attempt counts, and looking them up in the template on
    every row cost more than the row (bench/README.md)."""
    languages, attempts = {}, {}
    for message in page:
        message.reason = _reason(message.last_error)
        message.purpose_label = outbox.outbox_purpose_label(message.purpose)
        if message.language not in languages:
            languages[message.language] = get_language_info(message.language)
        message.language_info = languages[message.language]
        if message.attempts not in attempts:
            attempts[message.attempts] = ngettext(
                "%(n)s attempt", "%(n)s attempts", message.attempts
            ) % {"n": message.attempts}
        message.attempts_text = attempts[message.attempts]


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
    permissions.require(request.user, Action.OUTBOX_VIEW)
    if request.method == "POST":
        return _retry(request)
    visible = permissions.scope(request.user, OutboxMessage.objects.all())
    rows = visible.select_related("swg").defer("body_text", "body_html", "attachments")
    filterset = OutboxFilter(request.GET or None, queryset=rows)
    # Counted up to a bound: the table holds every message ever sent.
    page = paginate_bounded(
        request, filterset.qs.order_by("-created_at", "-pk"), bound=OUTBOX_COUNT_BOUND
    )
    _describe(page)
    return render(
        request,
        "swg/outbox_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query_without(request, "page"),
            "retry_action": reverse("outbox")
            + (f"?{request.GET.urlencode()}" if request.GET else ""),
            "max_attempts": outbox.MAX_ATTEMPTS,
        },
    )
