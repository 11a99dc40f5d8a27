"""Amounts in US dollars, computed in SQL with the exchange-rate table so that a
total over any selection costs one query whatever its size."""

from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear

from ..models import ExchangeRate, ProjectBudget, Transaction

MONEY = DecimalField(max_digits=24, decimal_places=8)


def usd_rate(date_field: str):
    """The rate of the row's currency for the year of ``date_field``: that year's,
    else the latest earlier year's, else the earliest later year's."""
    year = ExtractYear(OuterRef(date_field))
    same_currency = ExchangeRate.objects.filter(currency=OuterRef("currency"))
    earlier = same_currency.filter(year__lte=year).order_by("-year").values("rate_to_usd")[:1]
    later = same_currency.filter(year__gt=year).order_by("year").values("rate_to_usd")[:1]
    return Coalesce(
        Subquery(earlier, output_field=MONEY),
        Subquery(later, output_field=MONEY),
        Case(When(currency="USD", then=Value(Decimal(1))), output_field=MONEY),
        output_field=MONEY,
    )


def in_usd(date_field: str):
    return ExpressionWrapper(F("value") * usd_rate(date_field), output_field=MONEY)


# Transaction types behind DESIGN §3's funding status.
FUNDING = {
    "pledged": Q(type=Transaction.Type.PLEDGE),
    "committed": Q(type=Transaction.Type.COMMITMENT),
    "disbursed": Q(type=Transaction.Type.DISBURSEMENT),
    "spent": Q(type=Transaction.Type.EXPENDITURE),
}


def funding_sums() -> dict:
    return {
        name: Coalesce(
            Sum(in_usd("value_date"), filter=where), Value(Decimal(0)), output_field=MONEY
        )
        for name, where in FUNDING.items()
    }


def budget_sum():
    return Coalesce(Sum(in_usd("period_start")), Value(Decimal(0)), output_field=MONEY)


def project_totals_usd(projects) -> dict[str, Decimal]:
    """Budget, pledged, committed, disbursed and spent over a project queryset,
    in USD, and the gap between budget and commitments. Two queries."""
    ids = projects.order_by().values("pk")
    totals = Transaction.objects.filter(project__in=ids).aggregate(**funding_sums())
    totals.update(ProjectBudget.objects.filter(project__in=ids).aggregate(budget=budget_sum()))
    totals["gap"] = max(totals["budget"] - totals["committed"], Decimal(0))
    return totals


def unconverted_currencies(projects) -> list[str]:
    """Currencies in the selection with no exchange rate at all (left out of totals)."""
    ids = projects.order_by().values("pk")
    known = ExchangeRate.objects.values("currency")
    used = set(
        Transaction.objects.filter(project__in=ids)
        .exclude(currency__in=known)
        .values_list("currency", flat=True)
        .distinct()
    ) | set(
        ProjectBudget.objects.filter(project__in=ids)
        .exclude(currency__in=known)
        .values_list("currency", flat=True)
        .distinct()
    )
    return sorted(used - {"USD"})
