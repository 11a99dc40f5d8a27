"""The JSON behind the searchable selects (coordination/search_select.py and
static/js/search-select.js): organizations, people, meetings and documents
matching what was typed,
only those the user may see (swg/permissions.py), at most SEARCH_LIMIT."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordination.search_select import search_response

from .. import permissions, selectors
from ..models import Meeting
from ..permissions import Action


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


def _meeting_to_invite_to(request) -> Meeting | None:
    """``?not_invited_to=`` a meeting the user manages (its invitations are
    theirs to read), else None."""
    meeting_id = _int(request.GET.get("not_invited_to"))
    if meeting_id is None:
        return None
    meeting = (
        permissions.scope(request.user, Meeting.objects.filter(pk=meeting_id))
        .select_related("swg")
        .first()
    )
    if meeting is None or not permissions.can(request.user, Action.MEETING_MANAGE, meeting):
        return None
    return meeting


@login_required
@require_GET
def contact_search(request):
    """``?swg=`` (a slug) puts the group's people first; ``?organization=``
    narrows to one organization; ``?not_invited_to=`` (a meeting's id) leaves
    out the people already invited to it."""
    swg = None
    if request.GET.get("swg"):
        swg = permissions.visible_swgs(request.user).filter(slug=request.GET["swg"]).first()
    found = selectors.search.contacts_matching(
        user=request.user,
        q=request.GET.get("q", "")[:100],
        organization_id=_int(request.GET.get("organization")),
        swg=swg,
        not_invited_to=_meeting_to_invite_to(request),
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


@login_required
@require_GET
def meeting_search(request):
    """``?swg=`` narrows to one group by its id (the group field of the form
    the select is in)."""
    found = selectors.search.meetings_matching(
        user=request.user,
        q=request.GET.get("q", "")[:100],
        swg_id=_int(request.GET.get("swg")),
    )
    return search_response((m.pk, selectors.search.meeting_label(m), "") for m in found)


@login_required
@require_GET
def document_search(request):
    found = selectors.search.documents_matching(user=request.user, q=request.GET.get("q", "")[:100])
    return search_response((d.pk, selectors.search.document_label(d), "") for d in found)
