from django.utils.translation import gettext as _

from . import ERROR


def check(project) -> list[tuple[str, str]]:
    roles = {p.role for p in project.participants.all()}
    role = project.participants.model.Role
    found = []
    if role.IMPLEMENTING not in roles:
        found.append((ERROR, _("Name at least one implementing organization.")))
    if role.FUNDING not in roles:
        found.append((ERROR, _("Name at least one funding organization (donor).")))
    return found
