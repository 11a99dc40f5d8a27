"""A choice's label straight from its enum. Django's ``get_FOO_display`` builds
a dict of the field's (lazy) choices on every call, which lists and schedules
that show a label per row pay for again and again."""

from django.db import models


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The label of ``value`` among ``choices`` (the value itself if unknown,
    as ``get_FOO_display`` does)."""
    try:
        return choices(value).label
    except ValueError:
        return value
