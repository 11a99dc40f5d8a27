"""Reminders of the quarterly update cycle (DESIGN §5: "at quarter start to
every partner with active projects, then reminders before the deadline and an
escalation after it, only to those who have not submitted").

Beat runs :func:`quarterly_reminders_send` every day. The quarter partners
report on is the last one that ended (``reporting_quarter``); on any day one
kind of message is due:

- from the first day of the new quarter: the opening message;
- from ``QUARTERLY_REMINDER_DAYS_BEFORE`` days before the deadline until the
  deadline: the reminder;
- from ``QUARTERLY_ESCALATION_DAYS_AFTER`` days after the deadline: the
  escalation, to the partner's focal points and its head (the organization's
  focal point for general coordination), with the secretariat of the projects'
  groups in copy.

Every message goes through the outbox under (purpose, recipient,
``quarter:<year>-Q<n>:org:<id>``), so each person gets each kind at most once
per partner and quarter, whether the job runs daily, twice a day or twice at
once. A partner whose projects have all been handed in gets nothing more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import FilteredRelation, Q
from django.urls import reverse

from accounts.models import User
from coordination.outbox import absolute_url, outbox_enqueue
from swg.models import FocalPoint, Organization, SWGAppointment

from ..models import Project, QuarterlyUpdate
from ..selectors.submissions import deadlines, owing_in, quarter_key, reporting_quarter

OPENING, REMINDER, ESCALATION = (
    "quarterly.opening",
    "quarterly.reminder",
    "quarterly.escalation",
)
TEMPLATE = "quarterly_reminder"
PENDING_STATES = (
    QuarterlyUpdate.State.NOT_STARTED,
    QuarterlyUpdate.State.DRAFT,
    QuarterlyUpdate.State.RETURNED,
)


@dataclass
class Recipient:
    email: str
    name: str
    language: str
    role: str = "partner"  # "partner", "head" or "copy"
    swg: object = None  # the group whose "Sent messages" lists it


@dataclass
class Pending:
    organization: Organization
    projects: list[Project] = field(default_factory=list)
    swgs: dict = field(default_factory=dict)


def reminder_due(*, today: dt.date, deadline: dt.date) -> str | None:
    """Which kind of message the day calls for (the reporting window opens on
    the first day of the quarter after the one reported on)."""
    days_before = settings.QUARTERLY_REMINDER_DAYS_BEFORE
    days_after = settings.QUARTERLY_ESCALATION_DAYS_AFTER
    if today >= deadline + dt.timedelta(days=days_after):
        return ESCALATION
    if today >= deadline - dt.timedelta(days=days_before):
        return REMINDER if today <= deadline else None
    return OPENING


def partners_pending(*, year: int, quarter: int) -> list[Pending]:
    """Partners with projects owing the quarter that are not handed in (not
    started, draft or returned), with those projects (two queries)."""
    projects = (
        Project.objects.filter(owing_in(year, quarter))
        .annotate(
            u=FilteredRelation("updates", condition=Q(updates__year=year, updates__quarter=quarter))
        )
        .filter(Q(u__pk__isnull=True) | Q(u__state__in=PENDING_STATES))
        .select_related("owner", "swg")
        .order_by("owner_id", "title_en", "pk")
    )
    pending: dict[int, Pending] = {}
    for project in projects:
        entry = pending.setdefault(project.owner_id, Pending(organization=project.owner))
        entry.projects.append(project)
        entry.swgs[project.swg_id] = project.swg
    return list(pending.values())


def _add(found: dict, recipient: Recipient) -> None:
    key = recipient.email.strip().lower()
    if key and key not in found:
        found[key] = recipient


def recipients_for(entry: Pending, *, kind: str) -> list[Recipient]:
    """The partner's focal points (its portal users and its project focal
    points); for an escalation also its head and, in copy, the secretariat."""
    found: dict[str, Recipient] = {}
    org = entry.organization
    for user in User.objects.filter(
        organization=org, kind=User.Kind.PARTNER, is_active=True
    ).order_by("pk"):
        _add(found, Recipient(user.email, user.get_full_name(), user.language))
    purposes = [FocalPoint.Purpose.PROJECT]
    if kind == ESCALATION:
        purposes.append(FocalPoint.Purpose.GENERAL)
    for point in (
        FocalPoint.objects.filter(
            organization=org, purpose__in=purposes, ended_on__isnull=True, contact__is_active=True
        )
        .select_related("contact")
        .order_by("purpose", "pk")
    ):
        role = "head" if point.purpose == FocalPoint.Purpose.GENERAL else "partner"
        contact = point.contact
        _add(found, Recipient(contact.email, contact.name, contact.preferred_language, role))
    if kind == ESCALATION:
        for appointment in (
            SWGAppointment.objects.active()
            .filter(swg_id__in=list(entry.swgs), role=SWGAppointment.Role.SECRETARIAT)
            .select_related("user", "swg")
            .order_by("pk")
        ):
            user = appointment.user
            if user.is_active:
                _add(
                    found,
                    Recipient(
                        user.email,
                        user.get_full_name(),
                        user.language,
                        "copy",
                        appointment.swg,
                    ),
                )
    return list(found.values())


@transaction.atomic
def quarterly_reminders_send(*, today: dt.date) -> int:
    """Queue the day's reminders; returns how many messages were new."""
    year, quarter = reporting_quarter(today)
    deadline = deadlines([(year, quarter)])[year, quarter]
    kind = reminder_due(today=today, deadline=deadline)
    if kind is None:
        return 0
    link = absolute_url(reverse("projects_db:update_list")) + f"?quarter={year}-{quarter}"
    created = 0
    for entry in partners_pending(year=year, quarter=quarter):
        recipients = recipients_for(entry, kind=kind)
        # A partner reporting to one group: its secretariat sees the messages too.
        only_swg = next(iter(entry.swgs.values())) if len(entry.swgs) == 1 else None
        for recipient in recipients:
            _message, is_new = outbox_enqueue(
                purpose=kind,
                object_key=quarter_key(year, quarter, entry.organization.pk),
                recipient_email=recipient.email,
                recipient_name=recipient.name,
                language=recipient.language,
                template=TEMPLATE,
                swg=recipient.swg or only_swg,
                context={
                    "kind": kind.split(".")[1],
                    "role": recipient.role,
                    "organization": entry.organization,
                    "projects": entry.projects,
                    "year": year,
                    "quarter": quarter,
                    "deadline": deadline,
                    "link": link,
                    "addressed_to": [r.email for r in recipients if r.role != "copy"],
                },
            )
            created += is_new
    return created
