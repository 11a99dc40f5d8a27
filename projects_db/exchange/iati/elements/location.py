"""<location>: one per district, its ISO 3166-2:LY code as the reference and
its name; none for a nationwide project (``tag`` says nationwide)."""

from django.utils.translation import gettext as _

from .common import narratives, read_narratives, sub


def write(activity, project) -> None:
    if project.nationwide:
        return
    for district in project.districts.all():
        element = sub(activity, "location", ref=district.code)
        narratives(sub(element, "name"), en=district.name_en, ar=district.name_ar, always=True)


def read(activity, record, context) -> None:
    record.districts = []
    for element in activity.findall("location"):
        en, ar = read_narratives(element.find("name"))
        district = None
        for name in (element.get("ref"), en, ar):
            if name:
                district = context.directory.district(name)
                if district is not None:
                    break
        if district is None:
            context.fail(
                "location",
                _("Unknown district “%(name)s”: use its ISO 3166-2 code (e.g. LY-TB).")
                % {"name": element.get("ref") or en or ar},
            )
        elif district not in record.districts:
            record.districts.append(district)
