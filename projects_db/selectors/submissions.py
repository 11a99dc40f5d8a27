"""The submission board: partner × quarter (DESIGN §3 "Quarterly update": "a
quarter's submission status per partner is visible to the coordination team")
and the information-sharing figure per partner and quarter — on time, late or
missing — that the 2013 assessment says nobody could see (key function d).

Each cell is computed in SQL: one grouped query per quarter, joined into one
statement with UNION ALL, so the board runs a fixed number of queries whatever
the number of partners, projects or updates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FilteredRelation,
    Prefetch,
    Q,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import OutboxMessage
from swg.models import Organization

from ..models import (
    QuarterlyUpdate,
    QuarterSetting,
    default_deadline,
    quarter_end,
    quarter_of,
)
from .updates import owing_in

TRIPOLI = ZoneInfo("Africa/Tripoli")
# The outbox purposes of the reminders (projects_db/services/reminders.py).
REMINDER_PURPOSES = ("quarterly.opening", "quarterly.reminder", "quarterly.escalation")
REMINDER_LABELS = {
    "quarterly.opening": _("Quarter opened"),
    "quarterly.reminder": _("Reminder"),
    "quarterly.escalation": _("Escalation"),
}


class Cell:
    """A partner's state for one quarter, worst first in the legend order."""

    NOT_DUE = "not_due"
    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    LATE = "late"

    LABELS = {
        NOT_DUE: _("Not due"),
        NOT_STARTED: _("Not started"),
        DRAFT: _("Draft"),
        SUBMITTED: _("Submitted"),
        RETURNED: _("Returned"),
        ACCEPTED: _("Accepted"),
        LATE: _("Late"),
    }
    CHOICES = list(LABELS.items())


class Sharing:
    """Information sharing for a partner's quarter, judged by the first hand-in."""

    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    PENDING = "pending"  # the deadline has not passed and something is still owed

    LABELS = {
        ON_TIME: _("On time"),
        LATE: _("Late"),
        MISSING: _("Missing"),
        PENDING: _("Not yet due"),
    }


def reporting_quarter(today: dt.date) -> tuple[int, int]:
    """The quarter partners report on now: the last one that has ended."""
    year, quarter = quarter_of(today)
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def deadlines(quarters: list[tuple[int, int]]) -> dict[tuple[int, int], dt.date]:
    """The deadline of each quarter (one query)."""
    years = {year for year, _q in quarters}
    overrides = {
        (row.year, row.quarter): row.deadline
        for row in QuarterSetting.objects.filter(year__in=years)
    }
    return {q: overrides.get(q) or default_deadline(*q) for q in quarters}


def deadline_end(deadline: dt.date) -> dt.datetime:
    """The first moment after the deadline day, in Tripoli."""
    return dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time(), tzinfo=TRIPOLI)


def quarter_sharing(projects, *, year: int, quarter: int, deadline: dt.date, by: str):
    """Information sharing for one quarter, in one grouped SELECT: per value of
    ``by`` (``"owner_id"``, ``"swg"``…), the projects of ``projects`` owing the
    quarter (``owed``) and those ``handed_in``, ``on_time``, ``late`` and
    ``missing``. The one rule for the submission board and the dashboards: an
    update is judged by its first hand-in (a return and a resubmission do not
    change it), on time up to the end of the deadline day in Tripoli.

    The quarter's update is joined as ``u``, so callers may count more of it."""
    late_after = deadline_end(deadline)
    handed = Q(u__first_submitted_at__isnull=False)
    return (
        projects.filter(owing_in(year, quarter))
        .annotate(
            u=FilteredRelation("updates", condition=Q(updates__year=year, updates__quarter=quarter))
        )
        .order_by()
        .values(by)
        .annotate(
            year=Value(year),
            quarter=Value(quarter),
            owed=Count("pk"),
            handed_in=Count("pk", filter=handed),
            on_time=Count("pk", filter=handed & Q(u__first_submitted_at__lt=late_after)),
            late=Count("pk", filter=Q(u__first_submitted_at__gte=late_after)),
            missing=Count("pk", filter=Q(u__first_submitted_at__isnull=True)),
        )
    )


def _quarter_counts(projects, year: int, quarter: int, deadline: dt.date, today: dt.date):
    """One grouped SELECT: per owner organization, the counts and the cell."""
    counts = quarter_sharing(
        projects, year=year, quarter=quarter, deadline=deadline, by="owner_id"
    ).annotate(
        accepted=Count("pk", filter=Q(u__state="accepted")),
        waiting=Count("pk", filter=Q(u__state="submitted")),
        returned=Count("pk", filter=Q(u__state="returned")),
        drafts=Count("pk", filter=Q(u__state="draft")),
    )
    past_deadline = today > deadline
    if past_deadline:
        open_state = Value(Cell.LATE)
    elif today <= quarter_end(year, quarter):
        open_state = Case(When(drafts__gt=0, then=Value(Cell.DRAFT)), default=Value(Cell.NOT_DUE))
    else:
        open_state = Case(
            When(drafts__gt=0, then=Value(Cell.DRAFT)), default=Value(Cell.NOT_STARTED)
        )
    complete = Case(When(late__gt=0, then=Value(Sharing.LATE)), default=Value(Sharing.ON_TIME))
    return counts.annotate(
        cell=Case(
            When(accepted=F("owed"), then=Value(Cell.ACCEPTED)),
            When(owed=F("accepted") + F("waiting"), then=Value(Cell.SUBMITTED)),
            When(returned__gt=0, then=Value(Cell.RETURNED)),
            default=open_state,
            output_field=CharField(),
        ),
        sharing=Case(
            When(handed_in=F("owed"), then=complete),
            default=Value(Sharing.MISSING if past_deadline else Sharing.PENDING),
            output_field=CharField(),
        ),
    )


@dataclass
class BoardCell:
    year: int
    quarter: int
    deadline: dt.date
    state: str = ""
    sharing: str = ""
    owed: int = 0
    handed_in: int = 0
    accepted: int = 0
    reminders: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return Cell.LABELS.get(self.state, "")

    @property
    def sharing_label(self) -> str:
        return Sharing.LABELS.get(self.sharing, "")


@dataclass
class BoardRow:
    organization: Organization
    cells: list[BoardCell]

    def count(self, sharing: str) -> int:
        return sum(1 for c in self.cells if c.sharing == sharing)

    @property
    def on_time(self) -> int:
        return self.count(Sharing.ON_TIME)

    @property
    def late(self) -> int:
        return self.count(Sharing.LATE)

    @property
    def missing(self) -> int:
        return self.count(Sharing.MISSING)


def quarter_key(year: int, quarter: int, organization_id: int) -> str:
    """The outbox object key of a partner's reminders for one quarter."""
    return f"quarter:{year}-Q{quarter}:org:{organization_id}"


def submission_board(
    *, projects, quarters: list[tuple[int, int]], today: dt.date, state: str = ""
) -> list[BoardRow]:
    """One row per partner organization that owes an update in one of
    ``quarters``; ``projects`` is the (scoped, filtered) project queryset.
    ``state`` keeps the partners with a cell in that state. Four queries."""
    due = deadlines(quarters)
    parts = [_quarter_counts(projects, y, q, due[y, q], today) for y, q in quarters]
    if not parts:
        return []
    rows = list(parts[0].union(*parts[1:], all=True)) if len(parts) > 1 else list(parts[0])
    by_org: dict[int, dict[tuple[int, int], dict]] = {}
    for row in rows:
        by_org.setdefault(row["owner_id"], {})[row["year"], row["quarter"]] = row
    if state:
        by_org = {
            org: cells
            for org, cells in by_org.items()
            if any(c["cell"] == state for c in cells.values())
        }
    if not by_org:
        return []
    reminders: dict[str, list] = {}
    keys = [quarter_key(y, q, org) for org in by_org for y, q in quarters]
    for message in (
        OutboxMessage.objects.filter(purpose__in=REMINDER_PURPOSES, object_key__in=keys)
        .order_by("created_at")
        .only("purpose", "object_key", "created_at", "recipient_email", "status")
    ):
        reminders.setdefault(message.object_key, []).append(message)
    organizations = Organization.objects.in_bulk(list(by_org))
    board = []
    for org_id, cells in by_org.items():
        row_cells = []
        for y, q in quarters:
            values = cells.get((y, q))
            cell = BoardCell(year=y, quarter=q, deadline=due[y, q])
            if values:
                cell.state, cell.sharing = values["cell"], values["sharing"]
                cell.owed, cell.handed_in = values["owed"], values["handed_in"]
                cell.accepted = values["accepted"]
            cell.reminders = _reminder_summary(reminders.get(quarter_key(y, q, org_id), []))
            row_cells.append(cell)
        board.append(BoardRow(organization=organizations[org_id], cells=row_cells))
    board.sort(key=lambda r: (r.organization.name.lower(), r.organization.pk))
    return board


def _reminder_summary(messages: list[OutboxMessage]) -> list[dict]:
    """Each kind of reminder once, with its first date and its recipients."""
    kinds: dict[str, dict] = {}
    for message in messages:
        entry = kinds.setdefault(
            message.purpose,
            {
                "purpose": message.purpose,
                "label": REMINDER_LABELS.get(message.purpose, message.purpose),
                "at": message.created_at,
                "recipients": 0,
            },
        )
        entry["recipients"] += 1
    return list(kinds.values())


def quarter_progress(*, projects, year: int, quarter: int) -> dict:
    """ "Q3 2026 update due 15 October — 4 of 6 projects done": the projects of
    ``projects`` owing the quarter, and those handed in (one query plus the
    deadline's)."""
    deadline = deadlines([(year, quarter)])[year, quarter]
    counts = (
        projects.filter(owing_in(year, quarter))
        .annotate(
            u=FilteredRelation("updates", condition=Q(updates__year=year, updates__quarter=quarter))
        )
        .aggregate(
            owed=Count("pk"),
            done=Count("pk", filter=Q(u__state__in=("submitted", "accepted"))),
        )
    )
    return {"year": year, "quarter": quarter, "deadline": deadline, **counts}


def updates_for_quarter(*, projects, year: int, quarter: int):
    """The projects owing the quarter, each with ``quarter_update`` (its update
    or None), for the update list (two queries)."""
    return (
        projects.filter(owing_in(year, quarter))
        .select_related("owner", "swg")
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=QuarterlyUpdate.objects.filter(year=year, quarter=quarter),
                to_attr="quarter_updates",
            )
        )
        .order_by("owner__name_en", "title_en", "pk")
    )


def board_table(board: list[BoardRow]) -> list[list]:
    """The board as spreadsheet rows: one per partner and quarter."""
    rows: list[list] = [
        [
            str(_("Organization")),
            str(_("Quarter")),
            str(_("Deadline")),
            str(_("State")),
            str(_("Information sharing")),
            str(_("Projects owing")),
            str(_("Handed in")),
            str(_("Accepted")),
            str(_("Reminders")),
        ]
    ]
    for row in board:
        for cell in row.cells:
            if not cell.state:
                continue
            rows.append(
                [
                    row.organization.name,
                    f"Q{cell.quarter} {cell.year}",
                    cell.deadline,
                    str(cell.label),
                    str(cell.sharing_label),
                    cell.owed,
                    cell.handed_in,
                    cell.accepted,
                    "; ".join(
                        f"{r['label']} {timezone.localtime(r['at']):%Y-%m-%d}"
                        for r in cell.reminders
                    ),
                ]
            )
    return rows
