"""Reads for the groups and their structure (assessment Annex 2a: the
structure is revised; every step stays readable)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from ..models import SWG, StructureChange, Subsector


def swg_list(*, swgs: QuerySet) -> QuerySet:
    today = timezone.localdate()
    active = Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)
    return swgs.annotate(
        member_count=Count(
            "memberships__organization",
            filter=active & Q(memberships__start_date__lte=today),
            distinct=True,
        )
    ).prefetch_related(
        Prefetch("subsectors", queryset=Subsector.objects.filter(is_active=True)),
        Prefetch("replaced_by", queryset=SWG.objects.only("pk", "slug", "name_en", "name_ar")),
    )


def swg_structure_history(*, swg: SWG) -> QuerySet:
    return StructureChange.objects.filter(swg=swg).select_related(
        "made_by", "other_swg", "subsector"
    )


def swg_lineage(*, swg: SWG) -> tuple[list[SWG], list[SWG]]:
    """The groups that replaced ``swg`` and the groups it replaced, in one query
    (the group page's query budget is fixed: tests/project/test_query_counts.py)."""
    links = (
        SWG.replaced_by.through.objects.filter(Q(from_swg=swg) | Q(to_swg=swg))
        .select_related("from_swg", "to_swg")
        .order_by("pk")
    )
    replaced_by, replaces = [], []
    for link in links:
        if link.from_swg_id == swg.pk:
            replaced_by.append(link.to_swg)
        if link.to_swg_id == swg.pk:
            replaces.append(link.from_swg)
    return sorted(replaced_by, key=_listed), sorted(replaces, key=_listed)


def _listed(swg: SWG) -> tuple:
    # SWG.Meta.ordering (active first, by number, then name; PostgreSQL puts NULL last).
    return (not swg.is_active, swg.number is None, swg.number or 0, swg.name_en)


def swg_as_of(*, swg: SWG, on: dt.date):
    """The group's name and subsectors as they stood at the end of ``on``."""
    when = timezone.make_aware(dt.datetime.combine(on, dt.time.max))
    try:
        historical = swg.history.as_of(when)
    except SWG.DoesNotExist:
        return None, []
    subsectors = [s for s in Subsector.history.as_of(when) if s.swg_id == swg.pk and s.is_active]
    return historical, subsectors
