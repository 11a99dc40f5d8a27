"""Reads for the home pages (DESIGN §1 "Partner focal point": the latest
circulated minutes of their groups and their organization's open action points)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from ..models import ActionPoint, Minutes
from .action_points import action_point_rows, published_action_points


def home_circulated_minutes(*, actor, limit: int = 5) -> list[Minutes]:
    """The latest circulated minutes of the partner's groups; a circulated
    correction replaces the version it corrects."""
    return list(
        Minutes.objects.filter(
            status=Minutes.Status.CIRCULATED,
            meeting__swg_id__in=actor.member_swg_ids,
            meeting__swg__is_active=True,
        )
        # NOT EXISTS, so that the newest-first index is read and stops early.
        .exclude(
            Exists(
                Minutes.objects.filter(supersedes=OuterRef("pk"), status=Minutes.Status.CIRCULATED)
            )
        )
        .select_related("meeting__swg")
        .order_by("-circulated_at", "-pk")[:limit]
    )


def home_open_action_points(*, user, organization_id: int, limit: int = 20) -> list[ActionPoint]:
    qs = ActionPoint.objects.filter(
        owner_organization_id=organization_id, status__in=ActionPoint.OPEN_STATUSES
    )
    return list(action_point_rows(published_action_points(user, qs))[:limit])
