"""Reads for memberships (assessment Annex 1.1: who sits in which group)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ..models import SWG, Membership


def swg_memberships(*, swg: SWG, include_ended: bool = False) -> QuerySet:
    qs = Membership.objects.filter(swg=swg).select_related("organization", "contact")
    if not include_ended:
        qs = qs.active()
    return qs.order_by("end_date", "role", "organization__name_en")


def swg_member_organization_count(*, swg: SWG, on: dt.date | None = None) -> int:
    return (
        Membership.objects.active(on)
        .filter(swg=swg, organization__isnull=False)
        .values("organization")
        .distinct()
        .count()
    )


def membership_size_warning(*, swg: SWG) -> str | None:
    """Assessment Annex 1.1: "the size of each group is typically limited to 8-10 members"."""
    count = swg_member_organization_count(swg=swg)
    limit = settings.SWG_MEMBER_WARNING_THRESHOLD
    if count > limit:
        return _(
            "%(swg)s now has %(count)s member organizations; the assessment recommends "
            "at most %(limit)s for the sake of efficiency."
        ) % {"swg": swg.name, "count": count, "limit": limit}
    return None
