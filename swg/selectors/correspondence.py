"""Reads of the correspondence register: the list with overdue follow-ups
marked, the next reference number of a year, and the rows of its export."""

from __future__ import annotations

import re

from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions
from ..models import Correspondence

TRAILING_NUMBER = re.compile(r"(\d+)\s*$")
PREFIX = {Correspondence.Direction.INCOMING: "IN", Correspondence.Direction.OUTGOING: "OUT"}


def visible_correspondence(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Correspondence.objects.all() if queryset is None else queryset
    return permissions.scope(user, queryset)


def correspondence_rows(queryset: QuerySet) -> QuerySet:
    today = timezone.localdate()
    return queryset.select_related("from_organization", "to_organization", "swg").annotate(
        overdue=Case(
            When(
                follow_up_status=Correspondence.FollowUp.OPEN,
                follow_up_due__lt=today,
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def correspondence_reference_suggest(*, year: int, direction: str = "out") -> str:
    """The next free reference of ``year``: ``OUT-2026-014``. The number runs
    through the year across both directions, so the suggestion never clashes
    with an entry of the other direction."""
    references = list(Correspondence.objects.filter(year=year).values_list("reference", flat=True))
    numbers = [int(m.group(1)) for r in references if (m := TRAILING_NUMBER.search(r))]
    taken = {r.lower() for r in references}
    prefix = PREFIX.get(direction, "OUT")
    number = max(numbers, default=0) + 1
    while f"{prefix}-{year}-{number:03d}".lower() in taken:
        number += 1
    return f"{prefix}-{year}-{number:03d}"


def correspondence_export_rows(queryset: QuerySet):
    """Header and one row per entry, for ``coordination.spreadsheets.writer``."""
    yield [
        _("Reference"),
        _("Date"),
        _("Direction"),
        _("Type"),
        _("Channel"),
        _("From"),
        _("To"),
        _("Subject (English)"),
        _("Subject (Arabic)"),
        _("Working group"),
        _("Follow-up due"),
        _("Follow-up"),
        _("Overdue"),
    ]
    for entry in correspondence_rows(queryset).order_by("date", "pk").iterator(chunk_size=500):
        yield [
            entry.reference,
            entry.date,
            entry.get_direction_display(),
            entry.get_kind_display(),
            entry.get_channel_display(),
            str(entry.from_organization),
            str(entry.to_organization),
            entry.subject_en,
            entry.subject_ar,
            entry.swg.name if entry.swg else "",
            entry.follow_up_due,
            entry.get_follow_up_status_display(),
            _("yes") if entry.overdue else "",
        ]
