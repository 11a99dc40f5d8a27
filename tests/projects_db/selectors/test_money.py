"""Totals in US dollars (projects_db/selectors/money.py): each amount at its
currency's rate for its year, else the latest earlier year's, else the earliest
later year's; a currency without any rate left out and named."""

import datetime as dt
from decimal import Decimal

import pytest

from projects_db.models import ExchangeRate, Project, ProjectBudget, Transaction
from projects_db.selectors.money import (
    Rates,
    budget_usd,
    funding_usd,
    portfolio_usd,
    project_totals_usd,
    unconverted_currencies,
)
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def _commitment(value, currency, year):
    return {
        "type": Transaction.Type.COMMITMENT,
        "value": Decimal(value),
        "currency": currency,
        "value_date": dt.date(year, 6, 30),
    }


def test_each_amount_takes_the_rate_of_its_year_or_the_nearest(world):
    ExchangeRate.objects.filter(currency="EUR").delete()
    ExchangeRate.objects.create(currency="EUR", year=2020, rate_to_usd=Decimal("1.10"))
    ExchangeRate.objects.create(currency="EUR", year=2023, rate_to_usd=Decimal("1.05"))
    make_project(
        owner=world.org_a,
        swg=world.swg_x,
        budgets=[],
        transactions=[
            _commitment("100", "EUR", 2020),  # its year's: 110
            _commitment("100", "EUR", 2022),  # the latest earlier year's (2020): 110
            _commitment("100", "EUR", 2025),  # the latest earlier year's (2023): 105
            _commitment("100", "EUR", 2015),  # the earliest later year's (2020): 110
            _commitment("0.33", "EUR", 2023),  # exact: 0.3465
            _commitment("100", "XAF", 2025),  # no rate at all: left out
        ],
    )

    projects = Project.objects.all()
    totals = project_totals_usd(projects)

    assert totals["committed"] == Decimal("435.3465")
    assert totals["pledged"] == 0
    assert unconverted_currencies(projects) == ["XAF"]


def test_an_empty_selection_totals_zero(world):
    totals = project_totals_usd(Project.objects.none())

    assert totals == {
        "pledged": 0,
        "committed": 0,
        "disbursed": 0,
        "spent": 0,
        "budget": 0,
        "gap": 0,
    }


def test_the_portfolio_gives_the_same_figures_in_two_queries(world, django_assert_num_queries):
    ExchangeRate.objects.update_or_create(
        currency="EUR", year=2022, defaults={"rate_to_usd": Decimal("1.07")}
    )
    for swg, values in ((world.swg_x, ("100", "7.5")), (world.swg_y, ("40", "0.33"))):
        make_project(
            owner=world.org_a,
            swg=swg,
            transactions=[_commitment(values[0], "EUR", 2022), _commitment(values[1], "USD", 2024)],
        )
    make_project(owner=world.org_b, swg=world.swg_x, transactions=[_commitment("5", "XAF", 2025)])
    projects = Project.objects.all()

    with django_assert_num_queries(3):  # the rates, transactions, budget lines
        found = portfolio_usd(projects, keys=("swg",))

    ids = projects.values("pk")
    rates = Rates()
    money = funding_usd(Transaction.objects.filter(project__in=ids), by="project__swg", rates=rates)
    budgets = budget_usd(
        ProjectBudget.objects.filter(project__in=ids), by="project__swg", rates=rates
    )
    for swg in (world.swg_x, world.swg_y):
        assert found["by"]["swg"][swg.pk] == {**money[swg.pk], "budget": budgets[swg.pk]}
    assert found["totals"] == project_totals_usd(projects)
    assert found["unconverted"] == unconverted_currencies(projects) == ["XAF"]
