"""Reads for minutes: the versions a user may read, one version with its
items and action points, and the meeting page's panel of attendance, minutes
and action points."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from .. import permissions
from ..models import ActionPoint, Meeting, Minutes, SWGAppointment
from ..permissions import Action
from .action_points import (
    CARRIED_OVER_SHOWN,
    action_point_rows,
    meeting_action_points,
    meeting_panel_action_points,
)
from .attendance import ATTENDANCE_OPEN_STATUSES, meeting_attendance_figures
from .notifications import swg_appointed_users
from .recipients import minutes_recipients


def minutes_versions(*, meeting: Meeting, user) -> list[Minutes]:
    """Every version of the meeting's minutes the user may read, newest first."""
    versions = list(
        Minutes.objects.filter(meeting=meeting)
        .select_related("approved_by", "supersedes")
        .order_by("-version")
    )
    for m in versions:
        m.meeting = meeting
    return [m for m in versions if permissions.can(user, Action.MINUTES_VIEW, m)]


def minutes_detail(*, minutes: Minutes, user=None, language: str | None = None) -> dict:
    """One version with its items and the meeting's action points: per item the
    ones agreed under it, then those of other versions (a correction copies the
    text; action points stay single rows). Without ``user``: what the
    circulated text shows. The text is in ``language`` (``minutes_in_language``)."""
    items = list(minutes.items.order_by("order", "pk"))
    if user is None:
        # The circulated text: this version's action points and those of
        # approved earlier versions, never a later version's (draft or approved,
        # it has not been circulated with this text).
        qs = ActionPoint.objects.filter(source_meeting=minutes.meeting_id).filter(
            Q(minutes_item__isnull=True)
            | Q(minutes_item__minutes=minutes)
            | Q(
                minutes_item__minutes__version__lt=minutes.version,
                minutes_item__minutes__status__in=(
                    Minutes.Status.APPROVED,
                    Minutes.Status.CIRCULATED,
                ),
            )
        )
        action_points = list(action_point_rows(qs))
    else:
        action_points = list(meeting_action_points(meeting=minutes.meeting, user=user))
    by_item: dict[int, list[ActionPoint]] = {}
    other = []
    item_ids = {i.pk for i in items}
    for ap in action_points:
        if ap.minutes_item_id in item_ids:
            by_item.setdefault(ap.minutes_item_id, []).append(ap)
        else:
            other.append(ap)
    for item in items:
        item.points = by_item.get(item.pk, [])
    versions = [] if user is None else minutes_versions(meeting=minutes.meeting, user=user)
    return {
        "items": items,
        "other_action_points": other,
        "versions": versions,
        "latest_version": max((m.version for m in versions), default=minutes.version),
        **minutes_in_language(minutes=minutes, items=items, language=language),
    }


def minutes_has_translation(*, minutes: Minutes, items) -> bool:
    """Whether the secretariat added the other language's text (DESIGN §2)."""
    return bool(minutes.summary_translation.strip()) or any(
        (item.title_translation + item.discussion_translation + item.decisions_translation).strip()
        for item in items
    )


def minutes_in_language(*, minutes: Minutes, items, language: str | None) -> dict:
    """The minutes' text as a reader of ``language`` gets it: the original when
    it is their language, else the translation (field by field, the original
    where a field was left untranslated), else the original with
    ``translation_missing`` so the page, email or PDF says so. Sets
    ``shown_title``, ``shown_discussion`` and ``shown_decisions`` on ``items``;
    without ``language``, the original."""
    wanted = minutes.language if not language else ("ar" if language.startswith("ar") else "en")
    other = wanted != minutes.language
    translated = other and minutes_has_translation(minutes=minutes, items=items)
    for item in items:
        item.shown_title = (translated and item.title_translation) or item.title
        item.shown_discussion = (translated and item.discussion_translation) or item.discussion
        item.shown_decisions = (translated and item.decisions_translation) or item.decisions
    return {
        "summary_text": (translated and minutes.summary_translation) or minutes.summary,
        "text_language": wanted if translated else minutes.language,
        "wanted_language": wanted,
        "translation_missing": other and not translated,
        "has_translation": minutes_has_translation(minutes=minutes, items=items),
    }


def meeting_minutes_are_needed(meeting: Meeting) -> bool:
    """Informal meetings need no minutes (DESIGN §3 "Meeting")."""
    return meeting.is_formal


def meeting_panel(*, meeting: Meeting, user) -> dict:
    """What the meeting page shows from this side: attendance figures, minutes
    versions and action points (agreed here and carried over)."""
    can_manage = permissions.can(user, Action.MEETING_MANAGE, meeting)
    versions = minutes_versions(meeting=meeting, user=user)
    agreed, carried = meeting_panel_action_points(
        meeting=meeting, user=user, carried_limit=CARRIED_OVER_SHOWN + 1
    )
    return {
        "meeting": meeting,
        "figures": meeting_attendance_figures(meeting=meeting),
        "minutes_versions": versions,
        "action_points": agreed,
        "carried_over": carried[:CARRIED_OVER_SHOWN],
        "carried_over_more": len(carried) > CARRIED_OVER_SHOWN,
        "can_manage": can_manage,
        "needs_minutes": meeting_minutes_are_needed(meeting),
        "can_take_attendance": can_manage and meeting.status in ATTENDANCE_OPEN_STATUSES,
        "can_mark_held": can_manage
        and meeting.status == Meeting.Status.PLANNED
        and meeting.starts_at <= timezone.now(),
        "can_start_minutes": can_manage
        and meeting.is_formal
        and meeting.status == Meeting.Status.HELD
        # Managers read every version, so an empty list means no minutes yet.
        and not versions,
    }


def minutes_approval_preview(*, minutes: Minutes) -> dict:
    """What approving sets moving: the secretariat is told (in the portal and
    by email as each one chose), and who the secretariat will then circulate
    the minutes to (nobody is emailed the minutes by the approval itself)."""
    return {
        "notified": swg_appointed_users(
            swg=minutes.meeting.swg, role=SWGAppointment.Role.SECRETARIAT
        ),
        "circulation_count": len(minutes_recipients(minutes=minutes)),
    }
