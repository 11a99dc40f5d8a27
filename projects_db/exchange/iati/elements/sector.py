"""<sector>: the OECD DAC purpose code (vocabulary 1), the working group
(vocabulary 99, its short code) and the subsector (vocabulary 98)."""

from django.utils.translation import gettext as _

from .common import narratives, sub

DAC, SWG, SUBSECTOR = "1", "99", "98"


def write(activity, project) -> None:
    if project.dac_sector:
        sub(activity, "sector", vocabulary=DAC, code=project.dac_sector, percentage="100")
    element = sub(activity, "sector", vocabulary=SWG, code=project.swg.slug, percentage="100")
    narratives(element, en=project.swg.name_en, ar=project.swg.name_ar, always=True)
    if project.subsector:
        element = sub(
            activity, "sector", vocabulary=SUBSECTOR, code=project.subsector.slug, percentage="100"
        )
        narratives(element, en=project.subsector.name_en, ar=project.subsector.name_ar)


def read(activity, record, context) -> None:
    record.fields["dac_sector"] = ""
    record.fields["subsector"] = None
    subsector = None
    for element in activity.findall("sector"):
        vocabulary = element.get("vocabulary") or DAC
        code = (element.get("code") or "").strip()
        if vocabulary == DAC:
            # The Sector codelist is non-embedded: the OECD adds purpose codes every
            # year, so a vendored copy would refuse current codes; the form is checked.
            if not (len(code) == 5 and code.isdigit()):
                context.fail("sector", _("An OECD DAC purpose code has five digits."))
            elif not record.fields["dac_sector"]:
                record.fields["dac_sector"] = code
        elif vocabulary == SWG:
            swg = context.directory.swg(code)
            if swg is None:
                context.fail(
                    "sector",
                    _("Unknown working group “%(code)s” (sector vocabulary 99).") % {"code": code},
                )
            record.fields["swg"] = swg
        elif vocabulary == SUBSECTOR:
            subsector = code
    swg = record.fields.get("swg")
    if subsector and swg is not None:
        found = context.directory.subsector(swg, subsector)
        if found is None:
            context.fail(
                "sector",
                _("“%(value)s” is not a subsector of %(swg)s.")
                % {"value": subsector, "swg": swg.slug},
            )
        record.fields["subsector"] = found
