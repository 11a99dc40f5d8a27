"""The document archive: list and search, file a document, its page with
versions and history, describe it, add a version, download a version
(DESIGN §3 "Document archive")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from coordination.downloads import stored_file_response
from coordination.forms import apply_errors
from coordination.history import history_rows
from coordination.web import paginate, query_without

from .. import permissions, selectors, services
from ..filters.documents import DocumentFilter
from ..forms.documents import DocumentDetailsForm, DocumentUploadForm, DocumentVersionForm
from ..models import SWG, Document
from ..permissions import Action
from .common import form_page


def _document_for(request, pk, action: Action = Action.DOCUMENT_VIEW) -> Document:
    """404 outside the user's reach (another group's secretariat-only file),
    403 when visible but ``action`` is not allowed."""
    document = permissions.get_visible_or_404(
        request.user, Document.objects.select_related("swg", "meeting"), pk=pk
    )
    permissions.require(request.user, action, document)
    return document


def _managed_swgs(request):
    actor = permissions.actor_for(request.user)
    swgs = SWG.objects.filter(is_active=True).order_by("number")
    return swgs if actor.sees_everything else swgs.filter(pk__in=actor.managed_swg_ids)


@login_required
def document_list(request):
    query = request.GET.get("q", "").strip()[:200]
    documents = selectors.documents.visible_documents(request.user)
    filterset = DocumentFilter(
        request.GET or None,
        queryset=documents,
        swgs=permissions.visible_swgs(request.user).order_by("number"),
    )
    results = selectors.documents.document_rows(
        selectors.documents.document_search(filterset.qs, query)
    )
    page = paginate(request, results)
    selectors.documents.with_snippets(page, query)
    return render(
        request,
        "swg/documents/document_list.html",
        {
            "filter": filterset,
            "page": page,
            "q": query,
            "query": query_without(request, "page"),
            "can_upload": permissions.can(request.user, Action.DOCUMENT_UPLOAD),
        },
    )


@login_required
def document_upload(request):
    permissions.require(request.user, Action.DOCUMENT_UPLOAD)
    swgs = _managed_swgs(request)
    initial = {}
    if request.GET.get("swg"):
        initial["swg"] = swgs.filter(slug=request.GET["swg"]).first()
    form = DocumentUploadForm(
        request.POST or None, request.FILES or None, swgs=swgs, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.documents.document_upload(
                swg=data["swg"],
                title=data["title"],
                description=data["description"],
                category=data["category"],
                document_date=data["document_date"],
                language=data["language"],
                visibility=data["visibility"],
                meeting=data["meeting"],
                upload=data["file"],
                content_type=data["file"].detected_type,
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Document filed."))
            return redirect(document)
    return form_page(
        request,
        form,
        title=_("File a document"),
        back_url=reverse("swg:document_list"),
        status=400 if form.errors else 200,
    )


@login_required
def document_detail(request, pk):
    document = _document_for(request, pk)
    return render(
        request,
        "swg/documents/document_detail.html",
        {
            "document": document,
            "versions": selectors.documents.document_versions(document),
            "can_manage": permissions.can(request.user, Action.DOCUMENT_MANAGE, document),
            "history": history_rows(obj=document)
            if permissions.can(request.user, Action.HISTORY_VIEW, document)
            else None,
        },
    )


@login_required
def document_edit(request, pk):
    document = _document_for(request, pk, Action.DOCUMENT_MANAGE)
    form = DocumentDetailsForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.documents.document_update(document=document, by=request.user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Document saved."))
            return redirect(document)
    return form_page(
        request,
        form,
        title=_("Edit: %(document)s") % {"document": document.title},
        back_url=document.get_absolute_url(),
        status=400 if form.errors else 200,
    )


@login_required
def document_version_add(request, pk):
    document = _document_for(request, pk, Action.DOCUMENT_MANAGE)
    form = DocumentVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        services.documents.document_version_add(
            document=document, upload=upload, content_type=upload.detected_type, by=request.user
        )
        messages.success(request, _("New version uploaded; the earlier ones are kept."))
        return redirect(document)
    return form_page(
        request,
        form,
        title=_("New version: %(document)s") % {"document": document.title},
        back_url=document.get_absolute_url(),
        status=400 if form.errors else 200,
    )


@login_required
def document_download(request, pk, version_pk):
    document = _document_for(request, pk)
    version = selectors.documents.document_version(document, version_pk)
    if version is None:
        raise Http404
    return stored_file_response(version.file, filename=version.original_name)
