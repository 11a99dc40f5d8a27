"""The JSON behind the searchable selects (coordination/search_select.py and
static/js/search-select.js): organizations and people matching what was typed,
only those the user may see (swg/permissions.py), at most SEARCH_LIMIT."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordination.search_select import search_response

from .. import permissions, selectors


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


@login_required
@require_GET
def organization_search(request):
    found = selectors.search.organizations_matching(
        user=request.user,
        q=request.GET.get("q", "")[:100],
        government=request.GET.get("government") == "1",
    )
    return search_response((o.pk, selectors.search.organization_label(o), "") for o in found)


@login_required
@require_GET
def contact_search(request):
    swg = None
    if request.GET.get("swg"):
        swg = permissions.visible_swgs(request.user).filter(slug=request.GET["swg"]).first()
    found = selectors.search.contacts_matching(
        user=request.user,
        q=request.GET.get("q", "")[:100],
        organization_id=_int(request.GET.get("organization")),
        swg=swg,
    )
    in_group, others = _("People of the group"), _("Others")
    return search_response(
        (
            c.pk,
            selectors.search.contact_label(c),
            (in_group if c.in_group else others) if swg else "",
        )
        for c in found
    )
