"""<description>: type 1 (general) is the project's description, type 4
(other) its comments."""

from .common import narratives, read_narratives, sub

GENERAL, OTHER = "1", "4"


def write(activity, project) -> None:
    general = sub(activity, "description", type=GENERAL)
    narratives(general, en=project.description_en, ar=project.description_ar, always=True)
    if project.comments:
        narratives(sub(activity, "description", type=OTHER), en=project.comments)


def read(activity, record, context) -> None:
    record.fields["description_en"] = record.fields["description_ar"] = ""
    record.fields["comments"] = ""
    for element in activity.findall("description"):
        kind = element.get("type") or GENERAL
        if kind != GENERAL and kind != OTHER:
            continue
        en, ar = read_narratives(element)
        if kind == GENERAL:
            record.fields["description_en"], record.fields["description_ar"] = en, ar
        else:
            record.fields["comments"] = en or ar
