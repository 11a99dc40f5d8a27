"""The period a dashboard covers and the groups it may show (DESIGN §4: "per
SWG and over time"). The period is ``coordination.periods.Period``, the same
as a progress report's."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from coordination.periods import Period
from swg import permissions
from swg.models import SWG


def default_period(today: dt.date | None = None) -> Period:
    """The twelve months up to today."""
    today = today or timezone.localdate()
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return Period(start=year_ago + dt.timedelta(days=1), end=today)


def dashboard_swgs(user):
    """The groups whose dashboard the user may read: the seven MoP SWGs for the
    coordination team, the groups they run for the secretariat and the chair."""
    swgs = SWG.objects.filter(lead=SWG.Lead.MOP, is_active=True).order_by("number", "name_en")
    actor = permissions.actor_for(user)
    if actor is None:
        return swgs.none()
    if actor.sees_everything:
        return swgs
    return swgs.filter(pk__in=actor.managed_swg_ids)
