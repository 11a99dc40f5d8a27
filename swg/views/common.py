"""Helpers shared by the SWG views: the access helpers every view starts with
(the object, 404 outside the user's reach, 403 for a forbidden action) and one
way to render a form page. Helpers that are not about this app are in
``coordination.web`` and ``coordination.forms``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation

from coordination.forms import apply_errors
from coordination.pdf import pdf_language
from coordination.web import paginate, query_without

from .. import permissions
from ..models import SWG, Meeting, Minutes
from ..permissions import Action

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "vcf": "text/vcard; charset=utf-8",
}


def document_language(request) -> str:
    """The language of a downloaded document: ``?language=`` or the page's."""
    return pdf_language(request.GET.get("language") or translation.get_language())


def form_page(request, form, *, title, back_url, intro="", status=200):
    return render(
        request,
        "swg/form_page.html",
        {"form": form, "title": title, "back_url": back_url, "intro": intro},
        status=status,
    )


def form_save_page(request, form, *, save, done, title, back_url, intro=""):
    """A form page whose valid POST writes through a service: ``save(cleaned_data)``
    returns the object to go to, after the ``done`` message. A service's
    ``ValidationError`` is shown at its fields and the page answers 400."""
    if request.method == "POST" and form.is_valid():
        try:
            target = save(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(target)
    return form_page(
        request,
        form,
        title=title,
        back_url=back_url,
        intro=intro,
        status=400 if form.errors else 200,
    )


def filtered_list_page(request, template, *, filterset, rows, prepare=None, **context):
    """A list page: its filter, a page of ``rows`` (given to ``prepare``, if any,
    before it is shown) and the query string of the page links (the export link
    reuses it), plus ``context``."""
    page = paginate(request, rows)
    if prepare is not None:
        prepare(page)
    return render(
        request,
        template,
        {"filter": filterset, "page": page, "query": query_without(request, "page"), **context},
    )


def object_for(request, queryset, pk, action: Action):
    """``queryset``'s object ``pk``: 404 outside the user's reach, 403 when the
    user may see it but not do ``action``."""
    obj = permissions.get_visible_or_404(request.user, queryset, pk=pk)
    permissions.require(request.user, action, obj)
    return obj


def swg_for(request, slug, action: Action = Action.SWG_VIEW) -> SWG:
    """The group named by ``slug``: 404 outside the user's reach, 403 when the
    user may see it but not do ``action``."""
    swg = permissions.get_visible_or_404(request.user, SWG.objects.all(), slug=slug)
    permissions.require(request.user, action, swg)
    return swg


def meeting_for(request, pk, action: Action = Action.MEETING_VIEW) -> Meeting:
    """The meeting: 404 outside the user's reach, 403 when the user may see it
    but not do ``action``."""
    meeting = permissions.get_visible_or_404(
        request.user, Meeting.objects.select_related("swg", "postponed_to"), pk=pk
    )
    permissions.require(request.user, action, meeting)
    return meeting


def minutes_for(request, meeting_pk, pk) -> Minutes:
    """One version of a visible meeting's minutes, if the user may read it."""
    meeting = meeting_for(request, meeting_pk)
    minutes = get_object_or_404(
        Minutes.objects.select_related("approved_by", "supersedes"), pk=pk, meeting=meeting
    )
    minutes.meeting = meeting
    permissions.require(request.user, Action.MINUTES_VIEW, minutes)
    return minutes
