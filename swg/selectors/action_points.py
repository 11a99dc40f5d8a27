"""Reads for action points: lists with the overdue ones marked, and the ones
carried from meeting to meeting until they are closed (DESIGN §3 "Meeting")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.utils import timezone

from .. import permissions
from ..models import ActionPoint, Meeting


def _overdue_annotation(today: dt.date):
    return Case(
        When(status__in=ActionPoint.OPEN_STATUSES, due_date__lt=today, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def published_action_points(user, queryset: QuerySet | None = None) -> QuerySet:
    """Action points the user may see (draft content stays hidden: see the
    ActionPoint scope in ``swg.permissions``)."""
    queryset = ActionPoint.objects.all() if queryset is None else queryset
    return permissions.scope(user, queryset)


def status_choices() -> list[tuple[str, str]]:
    """The statuses with their labels in the active language, translated once
    for a table that offers them on every row."""
    return [(value, str(label)) for value, label in ActionPoint.Status.choices]


def action_point_rows(queryset: QuerySet) -> QuerySet:
    """Ready for a list: owners and meeting joined, ``is_overdue`` annotated,
    open ones first by due date (the stored ``is_closed``, so that the indexes
    ``action_point_swg_list`` and ``action_point_owner_list`` serve a page)."""
    today = timezone.localdate()
    return (
        queryset.select_related(
            "swg", "owner_organization", "owner_contact", "source_meeting", "minutes_item"
        )
        .annotate(is_overdue=_overdue_annotation(today))
        .order_by("is_closed", "due_date", "pk")
    )


# The meeting panel shows this many carried-over points, the most urgent first,
# and links to the group's list of open points for the rest.
CARRIED_OVER_SHOWN = 10


def carried_over_action_points(*, meeting: Meeting, user) -> QuerySet:
    """Open action points of the SWG agreed at earlier meetings: they stay on
    every later meeting's panel until done or dropped."""
    qs = ActionPoint.objects.filter(
        swg_id=meeting.swg_id,
        is_closed=False,
        source_meeting__starts_at__lt=meeting.starts_at,
    )
    return action_point_rows(published_action_points(user, qs))


def meeting_action_points(*, meeting: Meeting, user) -> QuerySet:
    qs = ActionPoint.objects.filter(source_meeting=meeting)
    return action_point_rows(published_action_points(user, qs))


def meeting_panel_action_points(
    *, meeting: Meeting, user, carried_limit: int
) -> tuple[list[ActionPoint], list[ActionPoint]]:
    """The action points agreed at ``meeting`` and the first ``carried_limit``
    carried over to it, each in ``action_point_rows`` order, in one query (two
    reads joined by UNION ALL; the meeting page's query budget is fixed). Only
    what the panel's table shows is joined: planning the query costs more than
    running it, and each join adds to the plan."""
    shown = ("owner_organization", "owner_contact", "source_meeting")
    agreed = (
        meeting_action_points(meeting=meeting, user=user)
        .select_related(None)
        .select_related(*shown)
        .annotate(is_carried=Value(False, output_field=BooleanField()))
    )
    carried = (
        carried_over_action_points(meeting=meeting, user=user)
        .select_related(None)
        .select_related(*shown)
        .annotate(is_carried=Value(True, output_field=BooleanField()))[:carried_limit]
    )
    rows = sorted(
        agreed.union(carried, all=True), key=lambda ap: (ap.is_closed, ap.due_date, ap.pk)
    )
    return [ap for ap in rows if not ap.is_carried], [ap for ap in rows if ap.is_carried]


@dataclass(frozen=True)
class ProgressEntry:
    when: dt.datetime
    who: object  # the user, or None (a change made by the system)
    status: str
    note: str


def action_point_progress(*, action_point: ActionPoint, limit: int = 50) -> list[ProgressEntry]:
    """The status and progress-note changes, newest first, with who and when,
    read from the action point's history (one query, at most ``limit`` rows)."""
    records = list(
        action_point.history.select_related("history_user").order_by("-history_date", "-pk")[
            : limit + 1
        ]
    )[::-1]
    labels = dict(ActionPoint.Status.choices)
    entries = []
    previous = None
    for record in records:
        changed = previous is None or (
            record.status != previous.status or record.progress_note != previous.progress_note
        )
        if changed and record.history_type != "-":
            note = record.progress_note
            if previous is not None and note == previous.progress_note:
                note = ""
            entries.append(
                ProgressEntry(
                    when=record.history_date,
                    who=record.history_user,
                    status=labels.get(record.status, record.status),
                    note=note,
                )
            )
        previous = record
    return entries[::-1][:limit]
