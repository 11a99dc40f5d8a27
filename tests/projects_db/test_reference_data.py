import datetime as dt

import pytest

from projects_db.models import (
    District,
    ExchangeRate,
    NationalPriority,
    QuarterSetting,
    default_deadline,
    quarter_end,
)

pytestmark = pytest.mark.django_db


def test_it_has_libyas_22_districts():
    assert District.objects.count() == 22
    tripoli = District.objects.get(code="LY-TB")
    assert (tripoli.name_en, tripoli.name_ar) == ("Tarabulus", "طرابلس")


def test_it_has_national_priorities_in_both_languages():
    assert NationalPriority.objects.count() >= 5
    assert not NationalPriority.objects.filter(name_ar="").exists()


def test_it_has_rates_for_the_four_currencies():
    assert set(ExchangeRate.objects.values_list("currency", flat=True)) >= {
        "USD",
        "EUR",
        "GBP",
        "LYD",
    }


def test_it_sets_the_deadline_fifteen_days_after_the_quarter():
    assert quarter_end(2026, 3) == dt.date(2026, 9, 30)
    assert default_deadline(2026, 3) == dt.date(2026, 10, 15)
    assert default_deadline(2026, 4) == dt.date(2027, 1, 15)


def test_it_reads_a_configured_deadline():
    QuarterSetting.objects.create(year=2026, quarter=1, deadline=dt.date(2026, 4, 30))
    assert QuarterSetting.deadline_for(2026, 1) == dt.date(2026, 4, 30)
    assert QuarterSetting.deadline_for(2026, 2) == dt.date(2026, 7, 15)
