"""What the element modules share: narratives, organization references and
the reading context."""

from __future__ import annotations

from django.utils.translation import gettext as _
from lxml import etree

from swg.models import Organization

from ...records import Directory, NewOrganization, Problems
from ..standard import XML_LANG, codelist

# Identifiers the portal makes for what has no IATI identifier of its own
# (its organizations, a project's portal number); an activity from elsewhere
# never carries them.
PORTAL_REF = "XI-LY-SWGPORTAL"
ORGANIZATION_REF = f"{PORTAL_REF}-ORG-"
# IATI OrganisationType for the portal's organization types.
ORGANIZATION_TYPES = {
    Organization.Type.MINISTRY: "10",
    Organization.Type.GOV_BODY: "10",
    Organization.Type.UN: "40",
    Organization.Type.BILATERAL: "10",
    Organization.Type.MULTILATERAL: "40",
    Organization.Type.INGO: "21",
    Organization.Type.CSO: "22",
    Organization.Type.PRIVATE: "70",
    Organization.Type.ACADEMIA: "80",
}


def sub(parent, tag: str, **attributes) -> etree._Element:
    element = etree.SubElement(parent, tag)
    for name, value in attributes.items():
        if value not in (None, ""):
            element.set(name.replace("_", "-"), str(value))
    return element


def narratives(parent, *, en: str = "", ar: str = "", always: bool = False) -> None:
    """English (the activity's default language) and Arabic narratives."""
    if en or (always and not ar):
        sub(parent, "narrative").text = en
    if ar:
        sub(parent, "narrative", **{XML_LANG: "ar"}).text = ar


def read_narratives(element) -> tuple[str, str]:
    """(English or default-language text, Arabic text) of an element."""
    en = ar = ""
    if element is None:
        return en, ar
    for narrative in element.findall("narrative"):
        text = (narrative.text or "").strip()
        language = narrative.get(XML_LANG, "")
        if language == "ar":
            ar = ar or text
        elif language in ("", "en"):
            en = en or text
    return en, ar


def organization_attributes(organization: Organization) -> dict:
    return {
        "ref": f"{ORGANIZATION_REF}{organization.pk}",
        "type": ORGANIZATION_TYPES.get(organization.org_type, "90"),
    }


def write_organization(parent, tag: str, organization: Organization, **attributes):
    element = sub(parent, tag, **attributes, **organization_attributes(organization))
    narratives(element, en=organization.name_en, ar=organization.name_ar, always=True)
    return element


class Context:
    """What reading one activity needs: the reference data and its problems."""

    def __init__(self, directory: Directory, problems: Problems):
        self.directory = directory
        self.problems = problems
        self.by_pk = {o.pk: o for o in directory.organizations.values()}

    def fail(self, element: str, message: str) -> None:
        self.problems.add(f"<{element}>", message)

    def coded(self, element: str, value, name: str) -> bool:
        """Whether ``value`` is in the IATI codelist ``name``; reports it if not."""
        if (value or "") in codelist(name):
            return True
        self.fail(
            element,
            _("“%(code)s” is not a code of the IATI %(codelist)s codelist.")
            % {"code": value or "", "codelist": name},
        )
        return False

    def organization(self, element) -> Organization | NewOrganization | None:
        """The portal's organization an element names: by the portal's own
        reference, then by name or acronym; else one to create."""
        if element is None:
            return None
        ref = (element.get("ref") or "").strip()
        if ref.startswith(ORGANIZATION_REF):
            number = ref.removeprefix(ORGANIZATION_REF)
            if number.isdigit() and int(number) in self.by_pk:
                return self.by_pk[int(number)]
        en, ar = read_narratives(element)
        for name in (en, ar, ref):
            if name:
                found = self.directory.organization(name)
                if found is not None:
                    return found
        name = en or ar
        return NewOrganization(name=name) if name else None
