"""The correspondence register: list with filters and overdue follow-ups,
XLSX export, an entry's page, record and edit (DESIGN §3 "Correspondence
register"). Ministry staff and the coordination team only (swg.permissions)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.history import history_rows
from coordination.spreadsheets import writer
from coordination.web import download

from .. import permissions, selectors, services
from ..filters.correspondence import CorrespondenceFilter
from ..forms.correspondence import CorrespondenceForm
from ..models import Correspondence, Meeting
from ..permissions import Action
from .common import EXPORT_TYPES, filtered_list_page, form_save_page, object_for


def _filtered(request):
    permissions.require(request.user, Action.CORRESPONDENCE_VIEW)
    entries = selectors.correspondence.visible_correspondence(request.user)
    return CorrespondenceFilter(request.GET or None, queryset=entries)


@login_required
def correspondence_list(request):
    filterset = _filtered(request)
    return filtered_list_page(
        request,
        "swg/correspondence/correspondence_list.html",
        filterset=filterset,
        rows=selectors.correspondence.correspondence_rows(filterset.qs),
        can_manage=permissions.can(request.user, Action.CORRESPONDENCE_MANAGE),
    )


@login_required
def correspondence_export(request):
    filterset = _filtered(request)
    rows = selectors.correspondence.correspondence_export_rows(filterset.qs)
    return download(
        writer.xlsx_file(rows, title=_("Correspondence")),
        filename=f"correspondence-{timezone.localdate():%Y-%m-%d}.xlsx",
        content_type=EXPORT_TYPES["xlsx"],
    )


def _entry_for(request, pk, action=Action.CORRESPONDENCE_VIEW) -> Correspondence:
    return object_for(
        request,
        Correspondence.objects.select_related("from_organization", "to_organization", "swg"),
        pk,
        action,
    )


def _form(request, entry=None):
    return CorrespondenceForm(
        request.POST or None,
        instance=entry,
        documents=selectors.documents.visible_documents(request.user),
        meetings=permissions.scope(request.user, Meeting.objects.all()),
        initial=None
        if entry
        else {
            "date": timezone.localdate(),
            "reference": selectors.correspondence.correspondence_reference_suggest(
                year=timezone.localdate().year,
                direction=request.GET.get("direction", "out"),
            ),
            "direction": request.GET.get("direction", "out"),
        },
    )


@login_required
def correspondence_create(request):
    permissions.require(request.user, Action.CORRESPONDENCE_MANAGE)
    return form_save_page(
        request,
        _form(request),
        save=lambda data: services.correspondence.correspondence_record(by=request.user, **data),
        done=_("Entered in the register."),
        title=_("Record correspondence"),
        back_url=reverse("swg:correspondence_list"),
    )


@login_required
def correspondence_detail(request, pk):
    entry = _entry_for(request, pk)
    return render(
        request,
        "swg/correspondence/correspondence_detail.html",
        {
            "entry": entry,
            "documents": selectors.documents.visible_documents(
                request.user, entry.documents.all()
            ).select_related("swg"),
            "meetings": entry.meetings.select_related("swg"),
            "can_manage": permissions.can(request.user, Action.CORRESPONDENCE_MANAGE, entry),
            "history": history_rows(obj=entry),
        },
    )


@login_required
def correspondence_edit(request, pk):
    entry = _entry_for(request, pk, Action.CORRESPONDENCE_MANAGE)
    return form_save_page(
        request,
        _form(request, entry),
        save=lambda data: services.correspondence.correspondence_update(
            entry=entry, by=request.user, **data
        ),
        done=_("Entry saved."),
        title=_("Edit: %(reference)s") % {"reference": entry.reference},
        back_url=entry.get_absolute_url(),
    )
