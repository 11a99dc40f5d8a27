"""Reads for attendance, minutes, action points and the membership review.

Each selector runs a fixed number of queries whatever the size of the data
(pages pin their counts in the tests).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from . import permissions
from .models import (
    ActionPoint,
    Attendance,
    Contact,
    FocalPoint,
    Invitation,
    Meeting,
    Membership,
    MembershipReview,
    Minutes,
    Organization,
)
from .recipients import Recipient, Recipients
from .selectors import swg_contact_list

HELD_STATUSES = (Meeting.Status.HELD, Meeting.Status.CIRCULATED)
# Attendance is part of the minutes: once they are circulated it is fixed.
ATTENDANCE_OPEN_STATUSES = (Meeting.Status.PLANNED, Meeting.Status.HELD)


# ---------------------------------------------------------------- attendance


@dataclass
class SheetRow:
    contact: Contact
    invitation: Invitation | None
    attendance: Attendance | None

    @property
    def is_walk_in(self) -> bool:
        return self.invitation is None

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else ""


def attendance_sheet(*, meeting: Meeting) -> list[SheetRow]:
    """Every invitee, then every walk-in, with what has been recorded."""
    recorded = {
        a.contact_id: a
        for a in Attendance.objects.filter(meeting=meeting).select_related(
            "contact__organization", "organization"
        )
    }
    rows = []
    for invitation in meeting.invitations.select_related("contact__organization").order_by(
        "contact__name_en", "contact__name_ar"
    ):
        rows.append(
            SheetRow(invitation.contact, invitation, recorded.pop(invitation.contact_id, None))
        )
    for attendance in sorted(recorded.values(), key=lambda a: a.contact.name):
        rows.append(SheetRow(attendance.contact, None, attendance))
    return rows


@dataclass
class AttendanceFigures:
    """Who came to one meeting: the government-participation and gender
    figures of DESIGN §4 (LIBMITAF: "Number of participants: 11 (8 women, 3 men)")."""

    present: int = 0
    absent: int = 0
    excused: int = 0
    government_count: int = 0
    women: int = 0
    men: int = 0
    gender_not_stated: int = 0
    organizations: list[Organization] = field(default_factory=list)

    @property
    def recorded(self) -> int:
        return self.present + self.absent + self.excused

    @property
    def government_present(self) -> bool:
        return self.government_count > 0


def attendance_figures_for_meetings(*, meetings) -> dict[int, AttendanceFigures]:
    """Figures for many meetings in one query (``meetings``: queryset or ids)."""
    figures: dict[int, AttendanceFigures] = {}
    seen_orgs: dict[int, set[int]] = {}
    rows = (
        Attendance.objects.filter(meeting__in=meetings)
        .select_related("organization", "contact")
        .order_by("organization__name_en", "pk")
    )
    for a in rows:
        f = figures.setdefault(a.meeting_id, AttendanceFigures())
        if a.status == Attendance.Status.ABSENT:
            f.absent += 1
            continue
        if a.status == Attendance.Status.EXCUSED:
            f.excused += 1
            continue
        f.present += 1
        # The organization of the day, not the person's current one.
        if a.organization.org_type in Organization.GOVERNMENT_TYPES:
            f.government_count += 1
        if a.contact.gender == Contact.Gender.FEMALE:
            f.women += 1
        elif a.contact.gender == Contact.Gender.MALE:
            f.men += 1
        else:
            f.gender_not_stated += 1
        orgs = seen_orgs.setdefault(a.meeting_id, set())
        if a.organization_id not in orgs:
            orgs.add(a.organization_id)
            f.organizations.append(a.organization)
    return figures


def meeting_attendance_figures(*, meeting: Meeting) -> AttendanceFigures:
    return attendance_figures_for_meetings(meetings=[meeting.pk]).get(
        meeting.pk, AttendanceFigures()
    )


# ---------------------------------------------------------------- action points


def _overdue_annotation(today: dt.date):
    return Case(
        When(status__in=ActionPoint.OPEN_STATUSES, due_date__lt=today, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def published_action_points(user, queryset: QuerySet | None = None) -> QuerySet:
    """Action points the user may see (draft content stays hidden: see the
    ActionPoint scope in ``swg.permissions``)."""
    queryset = ActionPoint.objects.all() if queryset is None else queryset
    return permissions.scope(user, queryset)


def action_point_rows(queryset: QuerySet) -> QuerySet:
    """Ready for a list: owners and meeting joined, ``is_overdue`` annotated,
    open ones first by due date."""
    today = timezone.localdate()
    return (
        queryset.select_related(
            "swg", "owner_organization", "owner_contact", "source_meeting", "minutes_item"
        )
        .annotate(
            is_overdue=_overdue_annotation(today),
            closed_rank=Case(
                When(status__in=ActionPoint.OPEN_STATUSES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("closed_rank", "due_date", "pk")
    )


def carried_over_action_points(*, meeting: Meeting, user) -> QuerySet:
    """Open action points of the SWG agreed at earlier meetings: they stay on
    every later meeting's panel until done or dropped."""
    qs = ActionPoint.objects.filter(
        swg_id=meeting.swg_id,
        status__in=ActionPoint.OPEN_STATUSES,
        source_meeting__starts_at__lt=meeting.starts_at,
    )
    return action_point_rows(published_action_points(user, qs))


def meeting_action_points(*, meeting: Meeting, user) -> QuerySet:
    qs = ActionPoint.objects.filter(source_meeting=meeting)
    return action_point_rows(published_action_points(user, qs))


# ---------------------------------------------------------------- minutes


def minutes_versions(*, meeting: Meeting, user) -> list[Minutes]:
    """Every version of the meeting's minutes the user may read, newest first."""
    versions = list(
        Minutes.objects.filter(meeting=meeting)
        .select_related("approved_by", "supersedes")
        .order_by("-version")
    )
    for m in versions:
        m.meeting = meeting
    return [m for m in versions if permissions.can(user, "minutes.view", m)]


def minutes_detail(*, minutes: Minutes, user=None) -> dict:
    """One version with its items and the meeting's action points: per item the
    ones agreed under it, then those of other versions (a correction copies the
    text; action points stay single rows). Without ``user``: what the
    circulated text shows."""
    items = list(minutes.items.order_by("order", "pk"))
    if user is None:
        # The circulated text: this version's action points and those of
        # approved earlier versions, never a later draft's.
        qs = ActionPoint.objects.filter(source_meeting=minutes.meeting_id).filter(
            Q(minutes_item__isnull=True)
            | Q(minutes_item__minutes=minutes)
            | Q(
                minutes_item__minutes__status__in=(
                    Minutes.Status.APPROVED,
                    Minutes.Status.CIRCULATED,
                )
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
    }


def meeting_minutes_are_needed(meeting: Meeting) -> bool:
    """Informal meetings need no minutes (DESIGN §3 "Meeting")."""
    return meeting.is_formal


def meeting_panel(*, meeting: Meeting, user) -> dict:
    """What the meeting page shows from this side: attendance figures, minutes
    versions and action points (agreed here and carried over)."""
    can_manage = permissions.can(user, "meeting.manage", meeting)
    versions = minutes_versions(meeting=meeting, user=user)
    return {
        "meeting": meeting,
        "figures": meeting_attendance_figures(meeting=meeting),
        "minutes_versions": versions,
        "action_points": list(meeting_action_points(meeting=meeting, user=user)),
        "carried_over": list(carried_over_action_points(meeting=meeting, user=user)),
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


def minutes_recipients(*, minutes: Minutes) -> list[Recipient]:
    """Who receives circulated minutes: the members' people and SWG focal points
    (the group's contact list), and MoP — its people who are members or focal
    points anywhere, plus the ``MOP_MINUTES_EMAIL`` mailbox if one is set
    (assessment Annex 1.1, 2f: minutes circulated "to MoP and other SWG members")."""
    recipients = Recipients()
    for entry in swg_contact_list(swg=minutes.meeting.swg):
        recipients.add_contact(entry.contact)
    today = timezone.localdate()
    active_member = Membership.objects.active(today).values("contact_id")
    open_focal = FocalPoint.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today), appointed_on__lte=today
    ).values("contact_id")
    mop_people = Contact.objects.filter(organization__acronym__iexact="MoP", is_active=True).filter(
        Q(pk__in=active_member) | Q(pk__in=open_focal)
    )
    for contact in mop_people.order_by("name_en"):
        recipients.add_contact(contact)
    recipients.add(email=settings.MOP_MINUTES_EMAIL)
    return recipients.as_list()


# ---------------------------------------------------------------- home page


def home_circulated_minutes(*, actor, limit: int = 5) -> list[Minutes]:
    """The latest circulated minutes of the partner's groups; a circulated
    correction replaces the version it corrects."""
    return list(
        Minutes.objects.filter(
            status=Minutes.Status.CIRCULATED,
            meeting__swg_id__in=actor.member_swg_ids,
            meeting__swg__is_active=True,
        )
        .exclude(superseded_by__status=Minutes.Status.CIRCULATED)
        .select_related("meeting__swg")
        .order_by("-circulated_at", "-pk")[:limit]
    )


def home_open_action_points(*, user, organization_id: int, limit: int = 20) -> list[ActionPoint]:
    qs = ActionPoint.objects.filter(
        owner_organization_id=organization_id, status__in=ActionPoint.OPEN_STATUSES
    )
    return list(action_point_rows(published_action_points(user, qs))[:limit])


# ---------------------------------------------------------------- membership review


def review_period(*, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last twelve months, today included (assessment Annex 1.1: membership
    reassessed annually)."""
    today = today or timezone.localdate()
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + dt.timedelta(days=1), today


# The project database depends on swg, never the other way (DESIGN §6): it
# registers its count here from its AppConfig.ready() with
# ``register_updates_missing(fn)``; fn has quarterly_updates_missing's signature.
_updates_missing = None


def register_updates_missing(fn) -> None:
    global _updates_missing
    _updates_missing = fn


def quarterly_updates_missing(
    *, organization_ids, period_start: dt.date, period_end: dt.date
) -> dict[int, int | None]:
    """Quarterly project updates each organization owed but did not submit in the
    period (assessment Annex 1.1: "lack of cooperation in providing requested
    significant data"). None ("—") until the project database provides it."""
    organization_ids = list(organization_ids)
    if _updates_missing is None:
        return dict.fromkeys(organization_ids)
    return _updates_missing(
        organization_ids=organization_ids, period_start=period_start, period_end=period_end
    )


@dataclass
class MemberRecord:
    organization_id: int
    meetings_held: int = 0
    meetings_attended: int = 0
    actions_done: int = 0
    actions_overdue: int = 0
    updates_missing: int | None = None

    @property
    def attendance_rate(self) -> float | None:
        if not self.meetings_held:
            return None
        return self.meetings_attended / self.meetings_held

    @property
    def attendance_percent(self) -> int | None:
        rate = self.attendance_rate
        return None if rate is None else round(rate * 100)


def member_records(
    *,
    swg,
    organization_ids,
    period_start: dt.date,
    period_end: dt.date,
    since: dict[int, dt.date] | None = None,
) -> dict[int, MemberRecord]:
    """Per organization over the period: SWG meetings held (from the day it
    joined, ``since``) and those where it had someone present, action points
    done in the period and overdue now, quarterly updates missing."""
    organization_ids = list(organization_ids)
    since = since or {}
    held = Meeting.objects.filter(
        swg=swg,
        status__in=HELD_STATUSES,
        starts_at__date__gte=period_start,
        starts_at__date__lte=period_end,
    )
    held_on = {
        pk: timezone.localtime(starts_at).date()
        for pk, starts_at in held.values_list("pk", "starts_at")
    }
    present = set(
        Attendance.objects.filter(
            meeting__in=held,
            status=Attendance.Status.PRESENT,
            organization_id__in=organization_ids,
        ).values_list("organization_id", "meeting_id")
    )

    def counts(org_id):
        start = since.get(org_id) or period_start
        meetings = [pk for pk, day in held_on.items() if day >= start]
        return len(meetings), sum((org_id, pk) in present for pk in meetings)

    today = timezone.localdate()
    actions = {
        row["owner_organization_id"]: row
        for row in ActionPoint.objects.filter(swg=swg, owner_organization_id__in=organization_ids)
        .values("owner_organization_id")
        .annotate(
            done=Count(
                "pk",
                filter=Q(
                    status=ActionPoint.Status.DONE,
                    closed_on__gte=period_start,
                    closed_on__lte=period_end,
                ),
            ),
            overdue=Count("pk", filter=Q(status__in=ActionPoint.OPEN_STATUSES, due_date__lt=today)),
        )
    }
    missing = quarterly_updates_missing(
        organization_ids=organization_ids, period_start=period_start, period_end=period_end
    )
    records = {}
    for org_id in organization_ids:
        meetings_held, meetings_attended = counts(org_id)
        records[org_id] = MemberRecord(
            organization_id=org_id,
            meetings_held=meetings_held,
            meetings_attended=meetings_attended,
            actions_done=actions.get(org_id, {}).get("done", 0),
            actions_overdue=actions.get(org_id, {}).get("overdue", 0),
            updates_missing=missing.get(org_id),
        )
    return records


# The chair and the MoP secretariat run the group; they are not reassessed.
NOT_REVIEWED_ROLES = (Membership.Role.CHAIR, Membership.Role.SECRETARIAT)


@dataclass
class ReviewRow:
    membership: Membership
    record: MemberRecord
    last_review: MembershipReview | None


def membership_review_rows(*, swg, period_start: dt.date, period_end: dt.date) -> list[ReviewRow]:
    memberships = list(
        Membership.objects.active()
        .filter(swg=swg, organization__isnull=False)
        .exclude(role__in=NOT_REVIEWED_ROLES)
        .select_related("organization", "contact")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=MembershipReview.objects.select_related("decided_by").order_by(
                    "-decided_at", "-pk"
                ),
                to_attr="review_list",
            )
        )
        .order_by("organization__name_en", "pk")
    )
    since: dict[int, dt.date] = {}
    for m in memberships:
        since[m.organization_id] = min(since.get(m.organization_id, m.start_date), m.start_date)
    records = member_records(
        swg=swg,
        organization_ids=set(since),
        period_start=period_start,
        period_end=period_end,
        since=since,
    )
    return [
        ReviewRow(
            membership=m,
            record=records[m.organization_id],
            last_review=m.review_list[0] if m.review_list else None,
        )
        for m in memberships
    ]


def membership_review_history(*, swg, limit: int = 100) -> list[MembershipReview]:
    return list(
        MembershipReview.objects.filter(membership__swg=swg)
        .select_related("membership__organization", "membership__contact", "decided_by")
        .order_by("-decided_at", "-pk")[:limit]
    )
