from django.utils.translation import gettext as _

from . import ERROR, WARNING


def check(project) -> list[tuple[str, str]]:
    found = []
    if project.subsector_id and project.subsector.swg_id != project.swg_id:
        found.append((ERROR, _("The subsector belongs to another working group.")))
    if not project.subsector_id and project.swg.subsectors.filter(is_active=True).exists():
        found.append((WARNING, _("Choose the subsector within the working group.")))
    if not project.dac_sector:
        found.append((WARNING, _("Add the OECD DAC sector code.")))
    if not project.national_priority_id:
        found.append((WARNING, _("Say which national priority the project serves.")))
    return found
