"""The one access helper of the project pages."""

from swg import permissions

from ..models import Project, QuarterlyUpdate


def project_for(request, pk, action: str | None = None) -> Project:
    """The project: 404 outside the user's reach, 403 when visible but ``action``
    is not allowed."""
    project = permissions.get_visible_or_404(
        request.user, Project.objects.select_related("owner", "swg", "subsector"), pk=pk
    )
    if action:
        permissions.require(request.user, action, project)
    return project


def update_for(request, pk, action: str | None = None) -> QuarterlyUpdate:
    """The quarterly update: 404 outside the user's reach (another
    organization's), 403 when visible but ``action`` is not allowed."""
    update = permissions.get_visible_or_404(
        request.user,
        QuarterlyUpdate.objects.select_related(
            "project", "project__owner", "project__swg", "submitted_by", "reviewed_by"
        ),
        pk=pk,
    )
    if action:
        permissions.require(request.user, action, update)
    return update
