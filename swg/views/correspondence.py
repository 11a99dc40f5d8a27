"""The correspondence register: list with filters and overdue follow-ups,
XLSX export, an entry's page, record and edit (DESIGN §3 "Correspondence
register"). Ministry staff and the coordination team only (swg.permissions)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.forms import apply_errors
from coordination.history import history_rows
from coordination.spreadsheets import writer
from coordination.web import download, paginate, query_without

from .. import permissions, selectors, services
from ..filters.correspondence import CorrespondenceFilter
from ..forms.correspondence import CorrespondenceForm
from ..models import Correspondence
from ..permissions import Action
from .common import EXPORT_TYPES, form_page


def _filtered(request):
    permissions.require(request.user, Action.CORRESPONDENCE_VIEW)
    entries = selectors.correspondence.visible_correspondence(request.user)
    return CorrespondenceFilter(request.GET or None, queryset=entries)


@login_required
def correspondence_list(request):
    filterset = _filtered(request)
    page = paginate(request, selectors.correspondence.correspondence_rows(filterset.qs))
    return render(
        request,
        "swg/correspondence/correspondence_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query_without(request, "page"),
            "can_manage": permissions.can(request.user, Action.CORRESPONDENCE_MANAGE),
        },
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
    entry = permissions.get_visible_or_404(
        request.user,
        Correspondence.objects.select_related("from_organization", "to_organization", "swg"),
        pk=pk,
    )
    permissions.require(request.user, action, entry)
    return entry


def _form(request, entry=None):
    return CorrespondenceForm(
        request.POST or None,
        instance=entry,
        documents=selectors.documents.visible_documents(request.user),
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


def _fields(form) -> dict:
    data = dict(form.cleaned_data)
    return data


@login_required
def correspondence_create(request):
    permissions.require(request.user, Action.CORRESPONDENCE_MANAGE)
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.correspondence.correspondence_record(by=request.user, **_fields(form))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Entered in the register."))
            return redirect(entry)
    return form_page(
        request,
        form,
        title=_("Record correspondence"),
        back_url=reverse("swg:correspondence_list"),
        status=400 if form.errors else 200,
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
    form = _form(request, entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.correspondence.correspondence_update(
                entry=entry, by=request.user, **_fields(form)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Entry saved."))
            return redirect(entry)
    return form_page(
        request,
        form,
        title=_("Edit: %(reference)s") % {"reference": entry.reference},
        back_url=entry.get_absolute_url(),
        status=400 if form.errors else 200,
    )
