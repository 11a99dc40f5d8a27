"""Who changed what and when: django-simple-history rows, written and read the
same way by every app (DESIGN §3: every change is kept and shown on the
object's page)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext


def history_attribute(instance, *, by=None, at: dt.datetime | None = None):
    """Attribute the history row that the next ``save()`` or ``delete()`` of
    ``instance`` writes to ``by`` (a request sets the user itself; tasks,
    commands and services called outside a request do not), dated ``at`` when
    the change takes effect on another day than it is recorded. Returns the
    instance, so that ``history_attribute(obj, by=user).save()`` reads as one step."""
    if by is not None:
        instance._history_user = by
    if at is not None:
        instance._history_date = at
    return instance


def _field_display(field, value):
    """A stored value as the forms show it: choice labels, yes/no."""
    if value in (None, ""):
        return ""
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    return value


def history_rows(*, obj, limit: int = 30) -> list[dict]:
    """Who changed what and when, newest first, with the fields that changed."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    rows = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if len(rows) == limit:
            break
        changes = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            for change in delta.changes:
                field = obj._meta.get_field(change.field)
                changes.append(
                    {
                        "field": field.verbose_name,
                        "old": _field_display(field, change.old),
                        "new": _field_display(field, change.new),
                    }
                )
        rows.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "type": newer.get_history_type_display(),
                "changes": changes,
            }
        )
    return rows
