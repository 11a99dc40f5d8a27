"""<reporting-org>: the organization whose focal points keep the project."""

from django.utils.translation import gettext as _

from ...records import NewOrganization
from .common import write_organization


def write(activity, project) -> None:
    write_organization(activity, "reporting-org", project.owner)


def read(activity, record, context) -> None:
    element = activity.find("reporting-org")
    organization = context.organization(element)
    if isinstance(organization, NewOrganization):
        # The reporting organization must be one the portal knows: its focal
        # points keep the project (or the file is imported for an organization).
        record.fields["owner"] = organization
        return
    if organization is None:
        context.fail("reporting-org", _("The activity has no reporting organization."))
        return
    record.fields["owner"] = organization
