from django.utils.translation import gettext as _

from . import ERROR, WARNING


def check(project) -> list[tuple[str, str]]:
    found = []
    if not project.title_en.strip() and not project.title_ar.strip():
        found.append((ERROR, _("The project has no title.")))
    elif not project.title_en.strip() or not project.title_ar.strip():
        found.append((WARNING, _("Give the title in both English and Arabic.")))
    if not project.description_en.strip() and not project.description_ar.strip():
        found.append((WARNING, _("The project has no description.")))
    return found
