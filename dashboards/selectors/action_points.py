"""Are decisions followed (DESIGN §4: action points done and overdue). One query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from coordination.periods import Period
from swg.models import ActionPoint


def action_point_status(
    *, swg_ids, period: Period, today: dt.date | None = None
) -> dict[int, dict]:
    """Per SWG, the action points due in the period: done, still open (open or in
    progress) and, of those, overdue (due before today)."""
    today = today or timezone.localdate()
    swg_ids = list(swg_ids)
    still_open = Q(status__in=ActionPoint.OPEN_STATUSES)
    rows = {
        row["swg"]: row
        for row in ActionPoint.objects.filter(
            swg__in=swg_ids, due_date__gte=period.start, due_date__lte=period.end
        )
        .values("swg")
        .annotate(
            due=Count("pk"),
            done=Count("pk", filter=Q(status=ActionPoint.Status.DONE)),
            open=Count("pk", filter=still_open),
            overdue=Count("pk", filter=still_open & Q(due_date__lt=today)),
        )
        .order_by()
    }
    empty = {"due": 0, "done": 0, "open": 0, "overdue": 0}
    return {swg_id: {**empty, **rows.get(swg_id, {})} for swg_id in swg_ids}
