from django.utils.translation import gettext as _

from . import ERROR, WARNING


def check(project) -> list[tuple[str, str]]:
    has_districts = bool(project.districts.all())
    if not project.nationwide and not has_districts:
        return [(ERROR, _("Choose the districts where the project works, or mark it nationwide."))]
    if project.nationwide and has_districts:
        return [(WARNING, _("The project is nationwide and also lists districts."))]
    return []
