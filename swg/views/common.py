"""Small helpers shared by the SWG views: one way to render a form page, to
paginate and to apply a service's ``ValidationError`` to a form."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from .. import permissions
from ..models import SWG

PAGE_SIZE = 25


def form_page(request, form, *, title, back_url, intro="", status=200):
    return render(
        request,
        "swg/form_page.html",
        {"form": form, "title": title, "back_url": back_url, "intro": intro},
        status=status,
    )


def swg_for(request, slug, action: str = "swg.view") -> SWG:
    """The group named by ``slug``: 404 outside the user's reach, 403 when the
    user may see it but not do ``action``."""
    swg = permissions.get_visible_or_404(request.user, SWG.objects.all(), slug=slug)
    permissions.require(request.user, action, swg)
    return swg


def paginate(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def apply_errors(form, error: ValidationError) -> None:
    """Show a service's errors at the form's fields (or on top when unknown)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "vcf": "text/vcard; charset=utf-8",
}
