from django.utils.translation import gettext as _

from . import ERROR, WARNING


def check(project) -> list[tuple[str, str]]:
    status = project.Status
    if project.status not in status.values:
        return [(ERROR, _("The status is not an IATI activity status (1 to 6)."))]
    if project.status == status.ON_HOLD and not project.status_reason.strip():
        return [(ERROR, _("Say why the project is on hold."))]
    if project.status == status.CANCELLED and not project.status_reason.strip():
        return [(WARNING, _("Say why the project was cancelled."))]
    return []
