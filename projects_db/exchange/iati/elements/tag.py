"""<tag vocabulary="99">: the national priority (``priority:<code>``) and
whether the project is nationwide."""

from django.utils.translation import gettext as _

from .common import narratives, sub

PORTAL = "99"
PRIORITY = "priority:"
NATIONWIDE = "nationwide"


def write(activity, project) -> None:
    priority = project.national_priority
    if priority is not None:
        element = sub(activity, "tag", vocabulary=PORTAL, code=f"{PRIORITY}{priority.code}")
        narratives(element, en=priority.name_en, ar=priority.name_ar, always=True)
    if project.nationwide:
        narratives(sub(activity, "tag", vocabulary=PORTAL, code=NATIONWIDE), en="Nationwide")


def read(activity, record, context) -> None:
    record.fields["national_priority"] = None
    record.fields["nationwide"] = False
    for element in activity.findall("tag"):
        if element.get("vocabulary") != PORTAL:
            continue
        code = (element.get("code") or "").strip()
        if code == NATIONWIDE:
            record.fields["nationwide"] = True
        elif code.startswith(PRIORITY):
            priority = context.directory.priority(code.removeprefix(PRIORITY))
            if priority is None:
                context.fail("tag", _("Unknown national priority “%(code)s”.") % {"code": code})
            record.fields["national_priority"] = priority
