"""Amounts in US dollars: a total over any selection is one grouped query per
currency and year, whatever its size, converted with the exchange-rate table
(read once, ``Rates``). A correlated rate look-up per amount cost a second per
page at ten years of data (bench/README.md)."""

from bisect import bisect_right
from decimal import Decimal, localcontext

from django.db.models import Q, Sum
from django.db.models.functions import ExtractYear

from ..models import ExchangeRate, ProjectBudget, Transaction

ZERO = Decimal(0)


class Rates:
    """Every exchange rate, read in one query (the table holds a row per currency
    and year: a few hundred rows after decades). An amount takes the rate of its
    currency for its year: that year's, else the latest earlier year's, else the
    earliest later year's; USD without a row is 1; a currency without any rate is
    left out of the totals (``unconverted_currencies`` names it)."""

    def __init__(self):
        self.by_currency: dict[str, list[tuple[int, Decimal]]] = {}
        for currency, year, rate in ExchangeRate.objects.order_by("currency", "year").values_list(
            "currency", "year", "rate_to_usd"
        ):
            self.by_currency.setdefault(currency, []).append((year, rate))

    def rate(self, currency: str, year: int | None) -> Decimal | None:
        rows = self.by_currency.get(currency)
        if rows and year is not None:
            at = bisect_right(rows, year, key=lambda row: row[0])
            return rows[at - 1][1] if at else rows[0][1]
        return Decimal(1) if currency == "USD" else None


# Transaction types behind DESIGN §3's funding status.
FUNDING = {
    "pledged": Q(type=Transaction.Type.PLEDGE),
    "committed": Q(type=Transaction.Type.COMMITMENT),
    "disbursed": Q(type=Transaction.Type.DISBURSEMENT),
    "spent": Q(type=Transaction.Type.EXPENDITURE),
}


def _usd_sums(rows, *, by: str | None, date_field: str, sums: dict, rates: Rates) -> dict:
    """Sums in USD of ``value`` over ``rows`` (a queryset), per ``by`` (or under
    the key None): one grouped query per currency and year, then each group times
    its rate. Exact: decimals are multiplied and added without rounding, as the
    database would; the query returns a row per key, currency and year, not per
    amount."""
    grouped = (
        rows.order_by()
        .values(*([by] if by else []), "currency", year=ExtractYear(date_field))
        .annotate(**{name: Sum("value", filter=where) for name, where in sums.items()})
    )
    totals: dict = {}
    with localcontext() as exact:
        exact.prec = 80
        for row in grouped:
            found = totals.setdefault(row[by] if by else None, dict.fromkeys(sums, ZERO))
            rate = rates.rate(row["currency"], row["year"])
            if rate is None:
                continue
            for name in sums:
                if row[name] is not None:
                    found[name] += row[name] * rate
    return totals


def funding_usd(transactions, *, by: str | None = None, rates: Rates) -> dict:
    """Pledged, committed, disbursed and spent in USD per ``by``. One query."""
    return _usd_sums(transactions, by=by, date_field="value_date", sums=FUNDING, rates=rates)


def budget_usd(budgets, *, by: str | None = None, rates: Rates) -> dict:
    """Budget lines in USD per ``by``. One query."""
    found = _usd_sums(budgets, by=by, date_field="period_start", sums={"budget": None}, rates=rates)
    return {key: sums["budget"] for key, sums in found.items()}


def project_totals_usd(projects) -> dict[str, Decimal]:
    """Budget, pledged, committed, disbursed and spent over a project queryset,
    in USD, and the gap between budget and commitments. Three queries."""
    ids = projects.order_by().values("pk")
    rates = Rates()
    totals = funding_usd(Transaction.objects.filter(project__in=ids), rates=rates).get(
        None, dict.fromkeys(FUNDING, ZERO)
    )
    totals["budget"] = budget_usd(ProjectBudget.objects.filter(project__in=ids), rates=rates).get(
        None, ZERO
    )
    totals["gap"] = max(totals["budget"] - totals["committed"], ZERO)
    return totals


def _grouped_usd(rows, *, keys: tuple, date_field: str, sums: dict, rates: Rates):
    """``(key values, {sum name: USD}, currency without a rate or None)`` per
    group of ``keys``, currency and year: one query, a row per group."""
    grouped = (
        rows.order_by()
        .values(*keys, "currency", year=ExtractYear(date_field))
        .annotate(**{name: Sum("value", filter=where) for name, where in sums.items()})
    )
    for row in grouped:
        rate = rates.rate(row["currency"], row["year"])
        found = {
            name: row[name] * rate if rate is not None and row[name] is not None else ZERO
            for name in sums
        }
        yield tuple(row[key] for key in keys), found, row["currency"] if rate is None else None


def portfolio_usd(projects, *, keys: tuple[str, ...]) -> dict:
    """The portfolio's money in two queries: transactions and budget lines of
    ``projects`` grouped by project fields ``keys``, currency and year, converted
    with one ``Rates``. Returns ``{"by": {field: {value: sums}}, "totals": sums,
    "unconverted": [currency, …]}``; sums are budget, pledged, committed,
    disbursed and spent in USD (and the total's gap), the same figures as
    ``project_totals_usd`` and ``funding_usd`` per key."""
    ids = projects.order_by().values("pk")
    rates = Rates()
    names = (*FUNDING, "budget")
    by: dict = {key: {} for key in keys}
    totals = dict.fromkeys(names, ZERO)
    unconverted = set()
    project_keys = tuple(f"project__{key}" for key in keys)
    sources = (
        (Transaction.objects.filter(project__in=ids), "value_date", FUNDING),
        (ProjectBudget.objects.filter(project__in=ids), "period_start", {"budget": None}),
    )
    with localcontext() as exact:
        exact.prec = 80
        for rows, date_field, sums in sources:
            for values, found, missing in _grouped_usd(
                rows, keys=project_keys, date_field=date_field, sums=sums, rates=rates
            ):
                if missing:
                    unconverted.add(missing)
                for key, value in zip(keys, values, strict=True):
                    group = by[key].setdefault(value, dict.fromkeys(names, ZERO))
                    for name, amount in found.items():
                        group[name] += amount
                for name, amount in found.items():
                    totals[name] += amount
    totals["gap"] = max(totals["budget"] - totals["committed"], ZERO)
    return {"by": by, "totals": totals, "unconverted": sorted(unconverted - {"USD"})}


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
