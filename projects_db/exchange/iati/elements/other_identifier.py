"""<other-identifier type="A1">: the portal number, owned by the portal, so
that re-importing an exported file updates the same projects."""

from .common import PORTAL_REF, sub
from .iati_identifier import portal_identifier


def write(activity, project) -> None:
    element = sub(activity, "other-identifier", ref=project.pk, type="A1")
    owner = sub(element, "owner-org", ref=PORTAL_REF)
    sub(owner, "narrative").text = "SWG Coordination Portal"


def read(activity, record, context) -> None:
    for element in activity.findall("other-identifier"):
        owner = element.find("owner-org")
        ref = (element.get("ref") or "").strip()
        if owner is not None and owner.get("ref") == PORTAL_REF and ref.isdigit():
            record.portal_number = int(ref)
            if record.fields.get("iati_identifier") == portal_identifier(int(ref)):
                record.fields["iati_identifier"] = ""
