"""The dashboard's period: twelve months up to today by default, quarters in
Tripoli dates."""

import datetime as dt

from coordination.periods import Period
from dashboards.selectors.meetings import quarters_in
from dashboards.selectors.period import default_period


def test_the_default_period_is_the_twelve_months_up_to_today():
    assert default_period(dt.date(2026, 11, 24)) == Period(
        start=dt.date(2025, 11, 25), end=dt.date(2026, 11, 24)
    )


def test_the_default_period_from_a_leap_day():
    assert default_period(dt.date(2028, 2, 29)).start == dt.date(2027, 3, 1)


def test_the_quarters_of_a_period_run_across_the_year_end():
    period = Period(start=dt.date(2025, 11, 25), end=dt.date(2026, 4, 2))
    assert quarters_in(period) == ["2025-Q4", "2026-Q1", "2026-Q2"]


def test_a_period_inside_one_quarter_has_a_single_point():
    assert quarters_in(Period(start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 28))) == ["2026-Q1"]
