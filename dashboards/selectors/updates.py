"""Is information shared: quarterly updates handed in on time, per partner
(DESIGN §4; assessment key function g: the database "should be updated
quarterly").

An update is on time when it was first handed in at or before the end of its
quarter's deadline day (Tripoli), late when after, and missing when a published
project running in the quarter has none handed in (the submission board's rule).
Only quarters whose deadline fell in the period, and has passed, count."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from coordination.bilingual import pick_language
from coordination.periods import Period
from projects_db.models import Project
from projects_db.selectors.submissions import quarter_sharing
from projects_db.selectors.updates import quarters_due_between
from swg.models import Organization


def update_counts(
    *, swg_ids, period: Period, today: dt.date | None = None, by: str = "owner"
) -> dict[int, dict[str, int]]:
    """On time, late and missing per reporting organization (``by="owner"``) or
    per SWG (``by="swg"``), by the submission board's rule
    (``projects_db.selectors.submissions.quarter_sharing``). One query per
    quarter due in the period (at most five a year), whatever the number of projects."""
    today = today or timezone.localdate()
    last_day = min(period.end, today - dt.timedelta(days=1))
    counts: dict[int, dict[str, int]] = {}
    if last_day < period.start:
        return counts
    projects = Project.objects.filter(swg__in=list(swg_ids))
    for year, quarter, deadline in quarters_due_between(period.start, last_day):
        for row in quarter_sharing(projects, year=year, quarter=quarter, deadline=deadline, by=by):
            total = counts.setdefault(row[by], {"on_time": 0, "late": 0, "missing": 0})
            for key in total:
                total[key] += row[key]
    return counts


def update_punctuality(*, swg_ids, period: Period, today: dt.date | None = None) -> list[dict]:
    """One row per reporting organization: on time, late, missing, owed."""
    counts = update_counts(swg_ids=swg_ids, period=period, today=today)
    names = Organization.objects.filter(pk__in=list(counts)).values_list(
        "pk", "name_en", "name_ar", "acronym"
    )
    result = []
    for pk, name_en, name_ar, acronym in names:
        owed = sum(counts[pk].values())
        result.append(
            {
                "organization_id": pk,
                "name": acronym or pick_language(name_en, name_ar),
                **counts[pk],
                "owed": owed,
                "on_time_share": round(counts[pk]["on_time"] / owed, 3) if owed else None,
            }
        )
    return sorted(result, key=lambda row: (-row["missing"], -row["late"], row["name"].lower()))
