"""What needs each role now: the to-do list on top of the home page (DESIGN §1
roles; assessment §5 "each visit must show at once what is theirs to do").

One function per role. Each makes a fixed number of queries whatever the number
of groups, meetings, action points or projects (pinned in
tests/project/test_query_counts.py): counts are aggregated in the database and
lists are cut to ``LIMIT`` rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from coordination.data_version import cached
from coordination.models import OutboxMessage
from projects_db.models import DuplicatePair, Project, QuarterlyUpdate
from projects_db.permissions import projects_with_updates_visible
from projects_db.selectors.submissions import (
    deadlines,
    owing_in,
    quarter_progress,
    reporting_quarter,
)
from reports.models import ProgressReport, ReportGeneration
from swg import permissions
from swg.models import (
    SWG,
    ActionPoint,
    Attendance,
    Correspondence,
    Invitation,
    Meeting,
    MembershipReview,
    Minutes,
    Organization,
    TorVersion,
)
from swg.services.invitations import RSVP_CHOICES, rsvp_token

from ..home_items import HomeItem

LIMIT = 10
# DESIGN §4 "meeting frequency": a group with no meeting for two months is
# flagged to the coordination team.
QUIET_DAYS = 60
# Assessment Annex 1.1: membership is reassessed once a year.
REVIEW_EVERY = dt.timedelta(days=365)


def _url(name: str, *args, **query) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _items(key: str, rows, *, label, url, date=None, **options) -> list[HomeItem]:
    """One item per row of a query: ``label(row)``, ``url(row)`` and, when given,
    ``date(row)``, which the template formats in the reader's language."""
    return [
        HomeItem(key, label(row), url(row), date=date(row) if date else None, **options)
        for row in rows
    ]


def _counted(key: str, label: str, url: str, count: int, **options) -> list[HomeItem]:
    """One item for a count, or none when there is nothing to count."""
    return [HomeItem(key, label, url, count=count, **options)] if count else []


def _month_bounds(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """This month in Tripoli (settings.TIME_ZONE), as aware datetimes."""
    local = timezone.localtime(now)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return start, end


def _latest_minutes_status():
    return Subquery(
        Minutes.objects.filter(meeting=OuterRef("pk"))
        .order_by("-version", "-pk")
        .values("status")[:1]
    )


def _latest_minutes_pk():
    return Subquery(
        Minutes.objects.filter(meeting=OuterRef("pk")).order_by("-version", "-pk").values("pk")[:1]
    )


def _meeting_step(meeting: Meeting, now: dt.datetime) -> HomeItem | None:
    """The next step of one meeting (DESIGN §3 "Meeting": plan → invite → hold →
    attendance → minutes → chair → circulate), or None when nothing is due."""
    status = meeting.latest_minutes_status
    minutes_url = (
        reverse("swg:minutes_detail", args=[meeting.pk, meeting.latest_minutes_pk])
        if meeting.latest_minutes_pk
        else ""
    )

    def step(key, url, detail, urgent=False):
        return HomeItem(
            key,
            meeting.swg.name,
            url,
            detail=detail,
            urgent=urgent,
            date=meeting.starts_at,
            date_format="DATETIME_FORMAT",
        )

    meeting_url = meeting.get_absolute_url()
    if meeting.status == Meeting.Status.PLANNED and meeting.ends_at > now:
        if meeting.invitations_sent_at is None:
            return step("invite", meeting_url, _("Send the invitations"))
        return None
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.HELD):
        return None
    if not meeting.has_attendance:
        return step("attendance", meeting_url, _("Take attendance"), urgent=True)
    if status is None:
        return step("draft", meeting_url, _("Draft the minutes"))
    if status == Minutes.Status.DRAFT:
        return step("draft", minutes_url, _("Finish and submit the minutes"))
    if status == Minutes.Status.SUBMITTED:
        return step("chair", minutes_url, _("Minutes awaiting the chair"))
    if status == Minutes.Status.RETURNED:
        return step("returned", minutes_url, _("Minutes returned by the chair"), urgent=True)
    if status == Minutes.Status.APPROVED:
        return step("circulate", minutes_url, _("Circulate the approved minutes"))
    return None


@dataclass
class HomeSection:
    key: str
    title: str
    items: list[HomeItem]


def secretariat_home(*, actor, now: dt.datetime | None = None) -> list[HomeSection]:
    """This month's meetings and their next step, overdue action points,
    correspondence awaiting follow-up, quarterly updates to review and failed
    messages of the groups the user runs as secretariat (six queries)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    swg_ids = actor.secretariat_swg_ids
    start, end = _month_bounds(now)
    meetings = (
        Meeting.objects.filter(swg_id__in=swg_ids, starts_at__gte=start, starts_at__lt=end)
        .select_related("swg")
        .annotate(
            has_attendance=Exists(Attendance.objects.filter(meeting=OuterRef("pk"))),
            latest_minutes_status=_latest_minutes_status(),
            latest_minutes_pk=_latest_minutes_pk(),
        )
        .order_by("starts_at", "pk")[:50]
    )
    steps = [step for m in meetings if (step := _meeting_step(m, now))][:LIMIT]

    overdue = (
        ActionPoint.objects.filter(
            swg_id__in=swg_ids, status__in=ActionPoint.OPEN_STATUSES, due_date__lt=today
        )
        .values("swg__slug", "swg__name_en", "swg__name_ar")
        .annotate(n=Count("pk"))
        .order_by("swg__slug")
    )
    follow_up = [
        HomeItem(
            "overdue-action-points",
            SWG(name_en=row["swg__name_en"], name_ar=row["swg__name_ar"]).name,
            _url("swg:swg_action_points", row["swg__slug"]),
            count=row["n"],
            detail=_("Overdue action points"),
            urgent=True,
        )
        for row in overdue
    ]

    letters = permissions.scope(
        actor.user, Correspondence.objects.filter(follow_up_status=Correspondence.FollowUp.OPEN)
    ).aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(follow_up_due__lt=today)),
    )
    follow_up += _counted(
        "correspondence",
        _("Documents and letters awaiting follow-up"),
        _url("swg:correspondence_list", follow_up_status="open"),
        letters["open"],
        detail=_("%(n)s overdue") % {"n": letters["overdue"]} if letters["overdue"] else "",
        urgent=bool(letters["overdue"]),
    )

    to_review = QuarterlyUpdate.objects.filter(
        state=QuarterlyUpdate.State.SUBMITTED, project__swg_id__in=swg_ids
    ).count()
    follow_up += _counted(
        "updates-to-review",
        _("Quarterly updates awaiting review"),
        _url("projects_db:submission_board"),
        to_review,
    )
    failed = permissions.scope(
        actor.user, OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED)
    ).count()
    follow_up += _counted(
        "failed-messages",
        _("Messages that could not be sent"),
        _url("outbox", status="failed"),
        failed,
        urgent=True,
    )
    return [
        HomeSection("meetings", _("This month's meetings"), steps),
        HomeSection("follow-up", _("To follow up"), follow_up),
    ]


def chair_home(*, actor, now: dt.datetime | None = None) -> list[HomeSection]:
    """Minutes and terms of reference awaiting the chair's approval and the
    groups whose yearly membership reassessment is due, and progress reports
    awaiting approval (four queries)."""
    now = now or timezone.now()
    swg_ids = actor.chair_swg_ids
    minutes = (
        Minutes.objects.filter(status=Minutes.Status.SUBMITTED, meeting__swg_id__in=swg_ids)
        .select_related("meeting__swg")
        .order_by("submitted_at", "pk")[:LIMIT]
    )
    items = _items(
        "minutes-to-approve",
        minutes,
        label=lambda m: m.meeting.swg.name,
        url=lambda m: m.get_absolute_url(),
        date=lambda m: m.meeting.starts_at,
        detail=_("Minutes awaiting your approval"),
    )
    tors = (
        TorVersion.objects.filter(status=TorVersion.Status.REVIEWED, swg_id__in=swg_ids)
        .select_related("swg")
        .order_by("swg__number", "number")[:LIMIT]
    )
    items += _items(
        "tor-to-endorse",
        tors,
        label=lambda tor: f"{tor.swg.name} — v{tor.number}",
        url=lambda tor: tor.get_absolute_url(),
        detail=_("Terms of reference awaiting your endorsement"),
    )
    last_review = Subquery(
        MembershipReview.objects.filter(membership__swg=OuterRef("pk"))
        .order_by("-decided_at")
        .values("decided_at")[:1]
    )
    due = (
        SWG.objects.filter(pk__in=swg_ids, is_active=True)
        .annotate(last_review=last_review)
        .filter(Q(last_review__isnull=True) | Q(last_review__lt=now - REVIEW_EVERY))
        .order_by("number", "pk")
    )
    items += _items(
        "reassessment-due",
        due,
        label=lambda swg: swg.name,
        url=lambda swg: _url("swg:membership_review", swg.slug),
        detail=_("Yearly membership reassessment due"),
    )
    # Progress reports rendered and waiting for the chair (reports capability part 2).
    reports = (
        ProgressReport.objects.filter(
            swg_id__in=swg_ids,
            status=ProgressReport.Status.DRAFT,
            generations__status=ReportGeneration.Status.DONE,
        )
        .distinct()
        .select_related("swg")
        .order_by("period_start", "pk")[:LIMIT]
    )
    items += _items(
        "report-to-approve",
        reports,
        label=lambda report: f"{report.swg.name} — {report.period.label}",
        url=lambda report: report.get_absolute_url(),
        detail=_("Progress report awaiting your approval"),
    )
    return [HomeSection("approvals", _("Awaiting your decision"), items)]


@dataclass
class RsvpRow:
    invitation: Invitation
    choices: list[tuple[str, str, str]]  # (value, label, token)


def partner_home(*, actor, now: dt.datetime | None = None) -> dict:
    """Her next meetings with her answer (answered from the home page through
    the invitation's signed RSVP links), her organization's open action points,
    the quarter's projects still to update and updates returned to her
    (five queries)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    invitations = (
        # Her contact found through its unique lower-case email index, then its
        # invitations: the same few rows whatever the number of meetings.
        Invitation.objects.alias(contact_email=Lower("contact__email"))
        .filter(
            contact_email=actor.user.email.lower(),
            meeting__ends_at__gt=now,
            meeting__status=Meeting.Status.PLANNED,
            meeting__invitations_sent_at__isnull=False,
        )
        .select_related("meeting__swg")
        .order_by("meeting__starts_at", "pk")[:LIMIT]
    )
    rsvps = [
        RsvpRow(
            invitation,
            [
                (
                    choice,
                    Invitation.Rsvp(choice).label,
                    rsvp_token(invitation=invitation, choice=choice),
                )
                for choice in RSVP_CHOICES
            ],
        )
        for invitation in invitations
    ]
    items: list[HomeItem] = []
    org_id = actor.organization_id
    if org_id:
        points = (
            ActionPoint.objects.circulated()
            .filter(owner_organization_id=org_id, status__in=ActionPoint.OPEN_STATUSES)
            .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
        )
        items += _counted(
            "open-action-points",
            _("My organization's open action points"),
            _url("swg:organization_action_points", org_id),
            points["open"],
            detail=_("%(n)s overdue") % {"n": points["overdue"]} if points["overdue"] else "",
            urgent=bool(points["overdue"]),
        )
        projects = Project.objects.filter(owner_id=org_id)
        year, quarter = reporting_quarter(today)
        progress = quarter_progress(projects=projects, year=year, quarter=quarter)
        items += _counted(
            "updates-due",
            _("Q%(q)s %(y)s projects still to update") % {"q": quarter, "y": year},
            _url("projects_db:update_list", quarter=f"{year}-{quarter}"),
            progress["owed"] - progress["done"],
            due=progress["deadline"],
            urgent=progress["deadline"] < today,
        )
        returned = QuarterlyUpdate.objects.filter(
            project__owner_id=org_id, state=QuarterlyUpdate.State.RETURNED
        ).count()
        items += _counted(
            "updates-returned",
            _("Quarterly updates returned to you"),
            _url("projects_db:update_list"),
            returned,
            urgent=True,
        )
    return {"rsvps": rsvps, "items": items}


def coordination_home(*, actor, now: dt.datetime | None = None) -> list[HomeItem]:
    """Groups with no meeting in 60 days, meetings held in the last year without a
    government attendee (DESIGN §4 government participation), organizations late
    on the quarter and flagged duplicate projects (five queries)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    quiet = (
        SWG.objects.filter(is_active=True)
        .annotate(
            last=Max(
                "meetings__starts_at",
                filter=~Q(
                    meetings__status__in=(Meeting.Status.CANCELLED, Meeting.Status.POSTPONED)
                ),
            )
        )
        .filter(Q(last__isnull=True) | Q(last__lt=now - dt.timedelta(days=QUIET_DAYS)))
        .order_by("number", "pk")
    )
    items = _items(
        "quiet-group",
        quiet,
        label=lambda swg: swg.name,
        url=lambda swg: swg.get_absolute_url(),
        detail=_("No meeting in %(days)s days") % {"days": QUIET_DAYS},
        urgent=True,
    )
    government = Attendance.objects.filter(
        meeting=OuterRef("pk"),
        status=Attendance.Status.PRESENT,
        organization__org_type__in=Organization.GOVERNMENT_TYPES,
    )
    no_government = (
        Meeting.objects.filter(
            starts_at__gte=now - dt.timedelta(days=365),
            starts_at__lt=now,
            status__in=(Meeting.Status.HELD, Meeting.Status.CIRCULATED),
        )
        .filter(Exists(Attendance.objects.filter(meeting=OuterRef("pk"))))
        .exclude(Exists(government))
        .select_related("swg")
        .order_by("-starts_at", "pk")[:LIMIT]
    )
    items += _items(
        "no-government",
        no_government,
        label=lambda meeting: meeting.swg.name,
        url=lambda meeting: meeting.get_absolute_url(),
        date=lambda meeting: meeting.starts_at,
        detail=_("Held without a government attendee"),
    )
    year, quarter = reporting_quarter(today)
    if deadlines([(year, quarter)])[year, quarter] < today:
        # Counted over every project owing the quarter: kept under the data
        # version (coordination/data_version.py), for the user's scope of projects.
        scope = (
            "all"
            if actor.sees_everything
            else (sorted(actor.managed_swg_ids), actor.is_partner and actor.organization_id)
        )
        late = cached(
            "home-late-partners",
            lambda: (
                projects_with_updates_visible(actor.user, Project.objects.all())
                .filter(owing_in(year, quarter))
                .exclude(
                    updates__year=year,
                    updates__quarter=quarter,
                    updates__state__in=QuarterlyUpdate.SUBMITTED_STATES,
                )
                .values("owner_id")
                .distinct()
                .count()
            ),
            scope,
            year,
            quarter,
        )
        items += _counted(
            "late-partners",
            _("Partners late on the Q%(q)s %(y)s update") % {"q": quarter, "y": year},
            _url("projects_db:submission_board"),
            late,
            urgent=True,
        )
    flagged = DuplicatePair.objects.filter(decision=DuplicatePair.Decision.FLAGGED).count()
    items += _counted(
        "flagged-duplicates",
        _("Projects flagged as possible duplicates"),
        _url("projects_db:duplicate_list"),
        flagged,
    )
    return items
