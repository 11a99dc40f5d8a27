"""Reads for the project pages. Each runs a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.translation import gettext

from coordination.history import history_rows
from coordination.search_select import SEARCH_LIMIT
from swg.models import SWG

from ..models import NationalPriority, Project, ProjectBudget, ProjectParticipant, Transaction
from .money import portfolio_usd, project_totals_usd


def project_rows(queryset):
    """A list page's projects with what the rows show (three queries a page)."""
    participants = ProjectParticipant.objects.filter(
        role__in=(ProjectParticipant.Role.FUNDING, ProjectParticipant.Role.IMPLEMENTING)
    ).select_related("organization")
    # The long texts are not shown in a row: not read.
    return (
        queryset.select_related("owner", "swg", "subsector")
        .defer("description_en", "description_ar", "status_reason", "comments")
        .prefetch_related(
            Prefetch("participants", queryset=participants, to_attr="main_participants")
        )
    )


def project_detail(*, project: Project) -> dict:
    """What the project page shows. The relations are prefetched onto ``project``,
    so the quality check (checks/runner.py) reads them without a query again."""
    prefetch_related_objects(
        [project],
        Prefetch(
            "participants", queryset=ProjectParticipant.objects.select_related("organization")
        ),
        "budgets",
        Prefetch(
            "transactions", queryset=Transaction.objects.select_related("provider", "receiver")
        ),
        "districts",
        "beneficiaries",
    )
    totals = project_totals_usd(Project.objects.filter(pk=project.pk))
    return {
        "participants": list(project.participants.all()),
        "budgets": list(project.budgets.all()),
        "transactions": list(project.transactions.all()),
        "districts": list(project.districts.all()),
        "beneficiaries": list(project.beneficiaries.all()),
        "totals": totals,
    }


def _gap(required, committed):
    if required is None:
        return None
    return max(required - committed, Decimal(0))


def portfolio(projects) -> dict:
    """The portfolio of ``projects``: totals, rows per national priority and per
    SWG, and currencies without a rate. Two grouped queries over the money
    (``money.portfolio_usd``) and one each for the priorities and the SWGs."""
    money = portfolio_usd(projects, keys=("national_priority", "swg"))
    return {
        "by_priority": _portfolio_by_priority(money["by"]["national_priority"]),
        "by_swg": _portfolio_by_swg(money["by"]["swg"]),
        "totals": money["totals"],
        "unconverted": money["unconverted"],
    }


def _portfolio_by_priority(money: dict) -> list[dict]:
    """Per national priority: required (from the government), budget, pledged,
    committed, disbursed in USD and the gap = required − committed."""
    rows = []
    zero = Decimal(0)
    for priority in [*NationalPriority.objects.filter(is_active=True), None]:
        key = priority.pk if priority else None
        found = money.get(key, {})
        committed = found.get("committed", zero)
        if priority is None and not found:
            continue
        rows.append(
            {
                "label": priority.name if priority else gettext("No national priority given"),
                "code": priority.code if priority else "",
                "required": priority.required_funding_usd if priority else None,
                "budget": found.get("budget", zero),
                "pledged": found.get("pledged", zero),
                "committed": committed,
                "disbursed": found.get("disbursed", zero),
                "gap": _gap(priority.required_funding_usd if priority else None, committed),
            }
        )
    return rows


def _portfolio_by_swg(money: dict) -> list[dict]:
    """Per SWG: budget, pledged, committed, disbursed in USD; the gap is the
    budget not yet committed."""
    zero = Decimal(0)
    rows = []
    swgs = SWG.objects.filter(Q(is_active=True) | Q(pk__in=money.keys()))
    for swg in swgs.order_by("-is_active", "number", "name_en"):
        found = money.get(swg.pk, {})
        budget = found.get("budget", zero)
        committed = found.get("committed", zero)
        rows.append(
            {
                "swg": swg,
                "budget": budget,
                "pledged": found.get("pledged", zero),
                "committed": committed,
                "disbursed": found.get("disbursed", zero),
                "gap": _gap(budget, committed),
            }
        )
    return rows


def project_history_rows(*, project: Project, limit: int = 50) -> list[dict]:
    """Who changed the project, its participants, budget lines and transactions,
    newest first. A fixed number of queries."""
    rows = [
        {**row, "what": Project._meta.verbose_name}
        for row in history_rows(obj=project, limit=limit)
    ]
    for model in (ProjectParticipant, ProjectBudget, Transaction):
        for record in (
            model.history.filter(project_id=project.pk)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        ):
            rows.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "type": record.get_history_type_display(),
                    "what": model._meta.verbose_name,
                    "changes": [{"field": "", "old": "", "new": str(record.instance)}],
                }
            )
    rows.sort(key=lambda row: row["when"], reverse=True)
    return rows[:limit]


def projects_matching(
    *, visible, q: str = "", swg_id: int | None = None, limit: int = SEARCH_LIMIT
) -> list[Project]:
    """A few of the ``visible`` projects (of ``swg_id`` if given) whose title or
    IATI identifier holds every word of ``q``, most recently started first: what
    the searchable select of linked projects offers. One query."""
    qs = visible
    if swg_id:
        qs = qs.filter(swg_id=swg_id)
    for word in q.split()[:5]:
        qs = qs.filter(
            Q(title_en__icontains=word)
            | Q(title_ar__icontains=word)
            | Q(iati_identifier__icontains=word)
        )
    fields = ("pk", "title_en", "title_ar", "iati_identifier")
    return list(qs.only(*fields).order_by("-planned_start", "-pk")[:limit])
