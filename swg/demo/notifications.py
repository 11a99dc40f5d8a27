"""Something under each demo login's bell (README "Demo logins"): work that
moved to them in the demo year, stored through the notification service
(coordination/notifications.py) as the services would have. The oldest of each
login's notifications is read, the others wait. A second run adds nothing: the
service stores one notification per kind and object key."""

from __future__ import annotations

from collections import Counter

from django.urls import reverse

from accounts.models import User
from coordination.notifications import notifications_mark_read, notify

from ..models import SWG, ActionPoint, Minutes
from ..services import notifications as kinds
from .world import DEMO_USERS

PER_LOGIN = 3


def _names(obj) -> dict:
    return {"en": obj.name_en, "ar": obj.name_ar}


def _minutes_items(kind: str, swgs) -> list[dict]:
    rows = (
        Minutes.objects.filter(meeting__swg__in=swgs)
        .exclude(status=Minutes.Status.DRAFT)
        .select_related("meeting__swg")
        .order_by("-meeting__starts_at")[:PER_LOGIN]
    )
    items = []
    for minutes in rows:
        context = {
            "meeting": {"en": minutes.meeting.title_en, "ar": minutes.meeting.title_ar},
            "swg": _names(minutes.meeting.swg),
        }
        if kind == kinds.MINUTES_RETURNED:
            context["comment"] = "Please add the attendance of the Ministry of Health."
        items.append(
            {
                "kind": kind,
                "url": minutes.get_absolute_url(),
                "context": context,
                "key": f"demo:minutes:{minutes.pk}",
            }
        )
    return items


def _action_point_items(organization) -> list[dict]:
    rows = (
        ActionPoint.objects.circulated()
        .filter(owner_organization=organization)
        .select_related("swg")
        .order_by("-due_date", "-pk")[:PER_LOGIN]
    )
    return [
        {
            "kind": kinds.ACTION_POINT_ASSIGNED,
            "url": reverse("swg:organization_action_points", args=[organization.pk]),
            "context": {
                "swg": _names(point.swg),
                "organization": _names(organization),
                "due": point.due_date.isoformat(),
                "description": point.description,
            },
            "key": f"demo:action_point:{point.pk}",
        }
        for point in rows
    ]


def _items_for(user: User, roles: list[tuple[str, str]]) -> list[dict]:
    if user.kind == User.Kind.PARTNER:
        return _action_point_items(user.organization)
    slugs = [slug for slug, _role in roles] or ["health"]
    swgs = SWG.objects.filter(slug__in=slugs)
    if ("health", "chair") in roles:
        return _minutes_items(kinds.MINUTES_SUBMITTED, swgs)
    if user.kind == User.Kind.GOVERNMENT:
        return _minutes_items(kinds.MINUTES_RETURNED, swgs)
    return _minutes_items(kinds.MINUTES_APPROVED, swgs)


def build_demo_notifications(stats: Counter) -> None:
    """Give each demo login its notifications; the oldest one is read."""
    for _label, email, _name, _kind, _org, _language, roles, _start in DEMO_USERS:
        user = User.objects.filter(email=email).select_related("organization").first()
        if user is None:
            continue
        items = _items_for(user, roles)
        new = 0
        for item in reversed(items):  # the newest last, so it tops the list
            new += notify(users=[user], **item)
        if new:
            stats["Notification created"] += new
            oldest = user.notifications.order_by("created_at", "pk").first()
            notifications_mark_read(user=user, ids=[oldest.pk])
