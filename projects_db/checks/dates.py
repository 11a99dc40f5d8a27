from django.utils import timezone
from django.utils.translation import gettext as _

from . import ERROR, WARNING


def check(project) -> list[tuple[str, str]]:
    found = []
    start, end = project.planned_start, project.planned_end
    if start is None:
        found.append((ERROR, _("The planned start date is missing.")))
    if end is None:
        found.append((WARNING, _("The planned end date is missing.")))
    if start and end and end < start:
        found.append((ERROR, _("The planned end date is before the start date.")))
    if project.actual_start and project.actual_end and project.actual_end < project.actual_start:
        found.append((ERROR, _("The actual end date is before the actual start date.")))
    today = timezone.localdate()
    status = project.Status
    if project.status == status.COMPLETED and end and end > today and not project.actual_end:
        found.append((WARNING, _("The project is completed but its planned end is in the future.")))
    if project.status == status.ONGOING and start and start > today:
        found.append((WARNING, _("The project is ongoing but its planned start is in the future.")))
    if project.status == status.PIPELINE and end and end < today:
        found.append((WARNING, _("The project is still in the pipeline after its planned end.")))
    return found
