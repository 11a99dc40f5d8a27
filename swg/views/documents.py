"""The document archive: list and search, file a document, its page with
versions and history, describe it, add a version, download a version
(DESIGN §3 "Document archive")."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from coordination.downloads import stored_file_response
from coordination.history import history_rows

from .. import permissions, selectors, services
from ..filters.documents import DocumentFilter
from ..forms.documents import DocumentDetailsForm, DocumentUploadForm, DocumentVersionForm
from ..models import SWG, Document
from ..permissions import Action
from .common import filtered_list_page, form_save_page, object_for


def _document_for(request, pk, action: Action = Action.DOCUMENT_VIEW) -> Document:
    """404 outside the user's reach (another group's secretariat-only file),
    403 when visible but ``action`` is not allowed."""
    return object_for(request, Document.objects.select_related("swg", "meeting"), pk, action)


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
    return filtered_list_page(
        request,
        "swg/documents/document_list.html",
        filterset=filterset,
        rows=selectors.documents.document_rows(
            selectors.documents.document_search(filterset.qs, query)
        ),
        prepare=lambda page: selectors.documents.with_snippets(page, query),
        q=query,
        can_upload=permissions.can(request.user, Action.DOCUMENT_UPLOAD),
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

    def save(data):
        return services.documents.document_upload(
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

    return form_save_page(
        request,
        form,
        save=save,
        done=_("Document filed."),
        title=_("File a document"),
        back_url=reverse("swg:document_list"),
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
    return form_save_page(
        request,
        DocumentDetailsForm(request.POST or None, instance=document),
        save=lambda data: services.documents.document_update(
            document=document, by=request.user, **data
        ),
        done=_("Document saved."),
        title=_("Edit: %(document)s") % {"document": document.title},
        back_url=document.get_absolute_url(),
    )


@login_required
def document_version_add(request, pk):
    document = _document_for(request, pk, Action.DOCUMENT_MANAGE)

    def save(data):
        services.documents.document_version_add(
            document=document,
            upload=data["file"],
            content_type=data["file"].detected_type,
            by=request.user,
        )
        return document

    return form_save_page(
        request,
        DocumentVersionForm(request.POST or None, request.FILES or None),
        save=save,
        done=_("New version uploaded; the earlier ones are kept."),
        title=_("New version: %(document)s") % {"document": document.title},
        back_url=document.get_absolute_url(),
    )


@login_required
def document_download(request, pk, version_pk):
    document = _document_for(request, pk)
    version = selectors.documents.document_version(document, version_pk)
    if version is None:
        raise Http404
    return stored_file_response(version.file, filename=version.original_name)
