"""Totals in US dollars (projects_db/selectors/money.py): each amount at its
currency's rate for its year, else the latest earlier year's, else the earliest
later year's; a currency without any rate left out and named."""

import datetime as dt
from decimal import Decimal

import pytest

from projects_db.models import ExchangeRate, Project, Transaction
from projects_db.selectors.money import project_totals_usd, unconverted_currencies
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
