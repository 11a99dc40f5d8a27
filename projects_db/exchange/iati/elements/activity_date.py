"""<activity-date>: planned (1, 3) and actual (2, 4) start and end."""

import datetime as dt

from django.utils.translation import gettext as _

from .common import sub

TYPES = {"1": "planned_start", "2": "actual_start", "3": "planned_end", "4": "actual_end"}


def write(activity, project) -> None:
    written = False
    for code, field in TYPES.items():
        value = getattr(project, field)
        if value:
            sub(activity, "activity-date", type=code, iso_date=value.isoformat())
            written = True
    if not written:
        # The schema asks for one date: the day the project was recorded, as planned start.
        sub(activity, "activity-date", type="1", iso_date=project.created_at.date().isoformat())


def read(activity, record, context) -> None:
    for field in TYPES.values():
        record.fields[field] = None
    for element in activity.findall("activity-date"):
        code = element.get("type") or ""
        if not context.coded("activity-date", code, "ActivityDateType"):
            continue
        try:
            record.fields[TYPES[code]] = dt.date.fromisoformat(element.get("iso-date") or "")
        except ValueError:
            context.fail(
                "activity-date",
                _("“%(value)s” is not a date.") % {"value": element.get("iso-date") or ""},
            )
