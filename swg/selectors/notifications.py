"""Who is told when work moves (coordination/notifications.py): the people
behind a role, as portal users."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import User

from ..models import SWG, Organization, SWGAppointment


def swg_appointed_users(*, swg: SWG, role: str) -> list[User]:
    """The active users appointed ``role`` (chair or secretariat) of ``swg`` today."""
    user_ids = (
        SWGAppointment.objects.active().filter(swg=swg, role=role).values_list("user_id", flat=True)
    )
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def generic_tor_endorsers() -> list[User]:
    """The generic TOR is endorsed by the administrator (docs/domain.md "TORs")."""
    return list(
        User.objects.filter(
            Q(kind=User.Kind.ADMIN) | Q(is_superuser=True), is_active=True
        ).order_by("pk")
    )


def organization_focal_point_users(*, organization: Organization) -> list[User]:
    """The partner focal points of ``organization``: its portal users who act for it."""
    return list(
        User.objects.filter(
            organization=organization, kind=User.Kind.PARTNER, is_active=True
        ).order_by("pk")
    )
