"""The dashboards' figures, kept under the data version (coordination/
data_version.py; docs/architecture.md, "Figures cache"): a write to the groups'
or the projects' data changes the version, so the next view computes the
figures again and a cached figure is never older than the data."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from coordination.data_version import cached
from coordination.periods import Period


def cached_figures(name: str, build, *, swgs, period: Period, today: dt.date | None = None):
    """``build()`` (the figures of ``swgs`` over ``period``), or what it returned
    for the same groups, period, day and language at the current data version."""
    return cached(
        f"dashboards-{name}",
        build,
        ",".join(str(s.pk) for s in swgs),
        period.start,
        period.end,
        today or timezone.localdate(),
    )
