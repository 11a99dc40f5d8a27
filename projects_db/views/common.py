"""Helpers of the project pages: one way to paginate and to show a service's
errors on a form."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator

from swg import permissions

from ..models import Project

PAGE_SIZE = 25


def paginate(request, queryset, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def project_for(request, pk, action: str | None = None) -> Project:
    """The project: 404 outside the user's reach, 403 when visible but ``action``
    is not allowed."""
    project = permissions.get_visible_or_404(
        request.user, Project.objects.select_related("owner", "swg", "subsector"), pk=pk
    )
    if action:
        permissions.require(request.user, action, project)
    return project
