"""What the portfolio looks like and where the gaps and duplications are
(DESIGN §4): published projects running at some time in the period, by SWG,
donor, district and status, the funding gap, national priorities and districts
without a project, and flagged duplications. Every figure is one grouped query."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q

from coordination.bilingual import pick_language
from coordination.periods import Period
from projects_db.models import (
    District,
    DuplicatePair,
    NationalPriority,
    Project,
    ProjectBudget,
    ProjectParticipant,
    Transaction,
)
from projects_db.selectors.money import Rates, budget_usd, funding_usd


def portfolio_projects(*, swg_ids, period: Period):
    return Project.objects.filter(swg__in=list(swg_ids), state=Project.State.PUBLISHED).filter(
        Q(planned_start__isnull=True) | Q(planned_start__lte=period.end),
        Q(planned_end__isnull=True) | Q(planned_end__gte=period.start),
    )


def portfolio_by_swg(*, swg_ids, period: Period) -> dict[int, dict]:
    """Per SWG: projects, budget, committed and disbursed in USD, and the funding
    gap (budget not yet committed). Four queries."""
    swg_ids = list(swg_ids)
    projects = portfolio_projects(swg_ids=swg_ids, period=period)
    ids = projects.values("pk")
    counts = dict(projects.values("swg").annotate(n=Count("pk")).values_list("swg", "n").order_by())
    rates = Rates()
    money = funding_usd(Transaction.objects.filter(project__in=ids), by="project__swg", rates=rates)
    budgets = budget_usd(
        ProjectBudget.objects.filter(project__in=ids), by="project__swg", rates=rates
    )
    zero = Decimal(0)
    result = {}
    for swg_id in swg_ids:
        budget = budgets.get(swg_id, zero)
        committed = money.get(swg_id, {}).get("committed", zero)
        result[swg_id] = {
            "projects": counts.get(swg_id, 0),
            "budget": budget,
            "committed": committed,
            "disbursed": money.get(swg_id, {}).get("disbursed", zero),
            "gap": max(budget - committed, zero),
        }
    return result


def projects_by_donor(*, swg_ids, period: Period) -> list[dict]:
    """Funding organizations by the number of projects they fund. One query."""
    ids = portfolio_projects(swg_ids=swg_ids, period=period).values("pk")
    rows = (
        ProjectParticipant.objects.filter(project__in=ids, role=ProjectParticipant.Role.FUNDING)
        .values(
            "organization",
            "organization__name_en",
            "organization__name_ar",
            "organization__acronym",
        )
        .annotate(projects=Count("project", distinct=True))
        .order_by("-projects", "organization__name_en")
    )
    return [
        {
            "organization_id": row["organization"],
            "name": row["organization__acronym"]
            or pick_language(row["organization__name_en"], row["organization__name_ar"]),
            "projects": row["projects"],
        }
        for row in rows
    ]


def projects_by_district(*, swg_ids, period: Period) -> dict:
    """Every district with its number of projects (zero included: the districts
    without a project), and the nationwide projects apart. Two queries."""
    projects = portfolio_projects(swg_ids=swg_ids, period=period)
    districts = District.objects.annotate(
        n=Count("projects", filter=Q(projects__in=projects.values("pk")), distinct=True)
    ).order_by("name_en")
    return {
        "districts": [{"district": d, "projects": d.n} for d in districts],
        "nationwide": projects.filter(nationwide=True).count(),
    }


def projects_by_status(*, swg_ids, period: Period) -> list[dict]:
    """Projects per IATI activity status, in the status's order. One query."""
    counts = dict(
        portfolio_projects(swg_ids=swg_ids, period=period)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
        .order_by()
    )
    return [
        {"status": value, "label": label, "projects": counts.get(value, 0)}
        for value, label in Project.Status.choices
    ]


def priorities_without_projects(*, swg_ids, period: Period) -> list[NationalPriority]:
    """Active national priorities that no project in the selection serves. One query."""
    ids = portfolio_projects(swg_ids=swg_ids, period=period).values("pk")
    return list(
        NationalPriority.objects.filter(is_active=True)
        .annotate(served=Count("projects", filter=Q(projects__in=ids)))
        .filter(served=0)
        .order_by("order", "code")
    )


def flagged_duplications(*, swg_ids, period: Period) -> dict[int, int]:
    """Per SWG: pairs still flagged as possible duplications (not yet reviewed as
    complementary) with a project of the selection. One query."""
    ids = portfolio_projects(swg_ids=swg_ids, period=period).values("pk")
    return dict(
        DuplicatePair.objects.filter(decision=DuplicatePair.Decision.FLAGGED)
        .filter(Q(project_a__in=ids) | Q(project_b__in=ids))
        .values("project_a__swg")
        .annotate(n=Count("pk"))
        .values_list("project_a__swg", "n")
        .order_by()
    )
