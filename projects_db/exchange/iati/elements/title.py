"""<title>: English and Arabic narratives."""

from .common import narratives, read_narratives, sub


def write(activity, project) -> None:
    narratives(sub(activity, "title"), en=project.title_en, ar=project.title_ar, always=True)


def read(activity, record, context) -> None:
    en, ar = read_narratives(activity.find("title"))
    record.fields["title_en"], record.fields["title_ar"] = en[:300], ar[:300]
