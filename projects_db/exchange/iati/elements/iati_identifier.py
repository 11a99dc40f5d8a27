"""<iati-identifier>: the project's IATI identifier, or one the portal makes
from its number when the project has none (``other_identifier`` carries the
number, so the import recognises it and keeps the field empty)."""

from django.utils.translation import gettext as _

from .common import PORTAL_REF, sub


def portal_identifier(pk: int) -> str:
    return f"{PORTAL_REF}-{pk}"


def write(activity, project) -> None:
    sub(activity, "iati-identifier").text = project.iati_identifier or portal_identifier(project.pk)


def read(activity, record, context) -> None:
    identifier = (activity.findtext("iati-identifier") or "").strip()
    if not identifier:
        context.fail("iati-identifier", _("The activity has no IATI identifier."))
    record.fields["iati_identifier"] = identifier
