"""Reads about quarterly updates that other parts of the portal ask for."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from ..models import (
    Project,
    QuarterlyUpdate,
    QuarterSetting,
    default_deadline,
    quarter_end,
    quarter_start,
)

# A project owes an update for a quarter in which it was running.
OWING_STATUSES = (
    Project.Status.ONGOING,
    Project.Status.FINALISATION,
    Project.Status.ON_HOLD,
    Project.Status.COMPLETED,
)


def quarters_due_between(start: dt.date, end: dt.date) -> list[tuple[int, int, dt.date]]:
    """(year, quarter, deadline) for each quarter whose deadline falls in [start, end]."""
    overrides = {
        (row.year, row.quarter): row.deadline
        for row in QuarterSetting.objects.filter(year__gte=start.year - 1, year__lte=end.year)
    }
    due = []
    for year in range(start.year - 1, end.year + 1):
        for quarter in (1, 2, 3, 4):
            deadline = overrides.get((year, quarter)) or default_deadline(year, quarter)
            if start <= deadline <= end:
                due.append((year, quarter, deadline))
    return due


def owing_in(year: int, quarter: int) -> Q:
    """Published projects running during the quarter owe an update for it."""
    return Q(
        state=Project.State.PUBLISHED,
        status__in=OWING_STATUSES,
        planned_start__lte=quarter_end(year, quarter),
    ) & (Q(planned_end__isnull=True) | Q(planned_end__gte=quarter_start(year, quarter)))


def projects_owing(year: int, quarter: int):
    """Published projects running during the quarter."""
    return Project.objects.filter(owing_in(year, quarter))


def quarterly_updates_missing(
    *, organization_ids, period_start: dt.date, period_end: dt.date
) -> dict[int, int]:
    """Per organization: updates owed for quarters whose deadline fell in the
    period, not submitted (assessment key function g: "updated quarterly").
    Three queries, whatever the number of organizations, projects or quarters."""
    organization_ids = list(organization_ids)
    missing = dict.fromkeys(organization_ids, 0)
    due = [
        (year, quarter)
        for year, quarter, _deadline in quarters_due_between(period_start, period_end)
    ]
    if not due or not organization_ids:
        return missing
    first, last = quarter_start(*due[0]), quarter_end(*due[-1])
    projects = list(
        Project.objects.filter(
            owner_id__in=organization_ids,
            state=Project.State.PUBLISHED,
            status__in=OWING_STATUSES,
            planned_start__lte=last,
        )
        .filter(Q(planned_end__isnull=True) | Q(planned_end__gte=first))
        .values_list("pk", "owner_id", "planned_start", "planned_end")
    )
    handed_in = set(
        QuarterlyUpdate.objects.filter(
            project__in=[pk for pk, *_rest in projects],
            year__in={year for year, _q in due},
        )
        # Handed in once counts, even when returned since (the board's "on time or late").
        .filter(Q(state__in=QuarterlyUpdate.SUBMITTED_STATES) | Q(first_submitted_at__isnull=False))
        .order_by()  # a set: no join to the project for the model's ordering
        .values_list("project_id", "year", "quarter")
    )
    for year, quarter in due:
        start, end = quarter_start(year, quarter), quarter_end(year, quarter)
        for pk, owner_id, planned_start, planned_end in projects:
            running = planned_start <= end and (planned_end is None or planned_end >= start)
            if running and (pk, year, quarter) not in handed_in:
                missing[owner_id] += 1
    return missing
