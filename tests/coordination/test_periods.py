"""One period for the dashboards and the progress reports (coordination/periods.py)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from coordination.periods import Period


def test_a_report_period_is_a_period_of_dates():
    quarter = Period.parse("2026q3")
    assert quarter == Period(start=dt.date(2026, 7, 1), end=dt.date(2026, 9, 30), kind="quarter")
    assert quarter.code == "2026Q3" and str(quarter.label) == "Q3 2026"
    assert Period.parse("2026H2").quarters() == [(2026, 3), (2026, 4)]
    assert Period.of("year", dt.date(2026, 1, 1)) == Period.parse("2026")
    with pytest.raises(ValueError):
        Period.parse("2026Q5")


def test_a_dashboard_period_has_any_ends_in_tripoli_time():
    period = Period(start=dt.date(2025, 11, 25), end=dt.date(2026, 2, 2))
    assert period.quarters() == [(2025, 4), (2026, 1)]
    tripoli = ZoneInfo("Africa/Tripoli")
    assert period.start_at == dt.datetime(2025, 11, 25, tzinfo=tripoli)
    assert period.end_before == dt.datetime(2026, 2, 3, tzinfo=tripoli)
