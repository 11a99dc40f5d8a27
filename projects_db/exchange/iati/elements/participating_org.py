"""<participating-org>: the participants with their IATI OrganisationRole.
An organization the portal does not know is created when the import is
confirmed (the preview lists it)."""

from django.utils.translation import gettext as _

from ....models import ProjectParticipant
from .common import write_organization


def write(activity, project) -> None:
    participants = list(project.participants.all())
    if not participants:
        # The schema asks for at least one: the reporting organization.
        write_organization(
            activity, "participating-org", project.owner, role=ProjectParticipant.Role.ACCOUNTABLE
        )
    for participant in participants:
        write_organization(
            activity, "participating-org", participant.organization, role=participant.role
        )


def read(activity, record, context) -> None:
    record.participants = []
    for element in activity.findall("participating-org"):
        role = (element.get("role") or "").strip()
        if not context.coded("participating-org", role, "OrganisationRole"):
            continue
        organization = context.organization(element)
        if organization is None:
            context.fail("participating-org", _("A participating organization has no name."))
            continue
        entry = (organization, int(role))
        if entry not in record.participants:
            record.participants.append(entry)
