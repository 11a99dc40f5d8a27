"""<activity-status>: the IATI ActivityStatus code is the project's status."""

from .common import sub


def write(activity, project) -> None:
    sub(activity, "activity-status", code=project.status)


def read(activity, record, context) -> None:
    code = activity.find("activity-status")
    value = code.get("code") if code is not None else ""
    if context.coded("activity-status", value, "ActivityStatus"):
        record.fields["status"] = int(value)
