"""The first working day of a month, when the monthly schedule goes out
(assessment Annex 2c; the Libyan weekend is Friday and Saturday)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from swg.models import PublicHoliday
from swg.selectors.schedule import first_working_day
from swg.services.meetings import agenda_item_add
from tests.factories import plan_meeting

TRIPOLI = ZoneInfo("Africa/Tripoli")


# March 2030 starts on a Friday: its first working day is Sunday 3 March.
YEAR, MONTH = 2030, 3


def _at(day, hour=10, minute=0):
    return dt.datetime(YEAR, MONTH, day, hour, minute, tzinfo=TRIPOLI)


@pytest.fixture
def month(world):
    """Two Health meetings and one Education meeting in March 2030, and
    meetings just outside the month."""
    health_1 = plan_meeting(world, starts_at=_at(4))
    agenda_item_add(meeting=health_1, title_en="Vaccine stock", title_ar="مخزون اللقاحات")
    health_2 = plan_meeting(
        world, starts_at=_at(31, 22), title_en="Health late review", title_ar="مراجعة الصحة"
    )
    education = plan_meeting(
        world,
        swg=world.swg_y,
        starts_at=_at(12, 9, 30),
        title_en="Education SWG meeting",
        title_ar="اجتماع مجموعة التعليم",
        city="online",
        venue_en="",
        online_url="https://meet.example/edu",
    )
    # The month is Tripoli's: 23:30 on 28 February is 21:30 UTC, 00:30 on
    # 1 April is 22:30 UTC on 31 March; neither is a March meeting.
    plan_meeting(
        world, starts_at=dt.datetime(2030, 2, 28, 23, 30, tzinfo=TRIPOLI), title_en="Before"
    )
    plan_meeting(world, starts_at=dt.datetime(2030, 4, 1, 0, 30, tzinfo=TRIPOLI), title_en="After")
    return [health_1, education, health_2]


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2025, 8, dt.date(2025, 8, 3)),  # starts on a Friday: Sunday the 3rd
        (2025, 11, dt.date(2025, 11, 2)),  # starts on a Saturday: Sunday the 2nd
        (2026, 2, dt.date(2026, 2, 1)),  # starts on a Sunday: that day
        (2026, 1, dt.date(2026, 1, 1)),  # a Thursday is a working day
    ],
)
def test_first_working_day_skips_the_libyan_weekend(year, month, expected):
    assert first_working_day(year, month, holidays=[]) == expected


# ---------------------------------------------------------------- public holidays
# Worked out by hand from a calendar. 2026 and 2027, first days of the month:
# Jan Thu/Fri, Feb Sun/Mon, Mar Sun/Mon, Apr Wed/Thu, May Fri/Sat, Jun Mon/Tue,
# Jul Wed/Thu, Aug Sat/Sun, Sep Tue/Wed, Oct Thu/Fri, Nov Sun/Mon, Dec Tue/Wed.

WITHOUT_HOLIDAYS = {
    (2026, 1): 1, (2026, 2): 1, (2026, 3): 1, (2026, 4): 1, (2026, 5): 3, (2026, 6): 1,
    (2026, 7): 1, (2026, 8): 2, (2026, 9): 1, (2026, 10): 1, (2026, 11): 1, (2026, 12): 1,
    (2027, 1): 3, (2027, 2): 1, (2027, 3): 1, (2027, 4): 1, (2027, 5): 2, (2027, 6): 1,
    (2027, 7): 1, (2027, 8): 1, (2027, 9): 1, (2027, 10): 3, (2027, 11): 1, (2027, 12): 1,
}  # fmt: skip

# Libya's seeded fixed holidays fall on no first working day in these two years
# (1 May is a Friday in 2026 and a Saturday in 2027). The holidays below are made
# up for the test, each moving a first working day:
TEST_HOLIDAYS = [
    # (name, year or None for every year, month, day, days)
    ("Test: two days in April 2026", 2026, 4, 1, 2),  # Wed 1, Thu 2 → Sun 5
    ("Test: three days in June 2026", 2026, 6, 1, 3),  # Mon 1 - Wed 3 → Thu 4
    ("Test: one day in September 2026", 2026, 9, 1, 1),  # Tue 1 → Wed 2
    ("Test: across the new year", 2026, 12, 30, 5),  # to Sun 3 Jan 2027 → Mon 4
    ("Test: one day in August 2027", 2027, 8, 1, 1),  # Sun 1 → Mon 2
    ("Test: two days in October 2027", 2027, 10, 3, 2),  # Sun 3, Mon 4 → Tue 5
    ("Test: every 1 November", None, 11, 1, 1),  # Sun 2026 → Mon 2; Mon 2027 → Tue 2
    ("Test: Eid al-Adha 2027", 2027, 5, 16, 4),  # mid-month: changes nothing
]

WITH_HOLIDAYS = {
    (2026, 1): 1, (2026, 2): 1, (2026, 3): 1, (2026, 4): 5, (2026, 5): 3, (2026, 6): 4,
    (2026, 7): 1, (2026, 8): 2, (2026, 9): 2, (2026, 10): 1, (2026, 11): 2, (2026, 12): 1,
    (2027, 1): 4, (2027, 2): 1, (2027, 3): 1, (2027, 4): 1, (2027, 5): 2, (2027, 6): 1,
    (2027, 7): 1, (2027, 8): 2, (2027, 9): 1, (2027, 10): 5, (2027, 11): 2, (2027, 12): 1,
}  # fmt: skip


@pytest.mark.parametrize(("year", "month"), sorted(WITHOUT_HOLIDAYS))
def test_the_first_working_day_without_holidays(year, month):
    expected = dt.date(year, month, WITHOUT_HOLIDAYS[year, month])
    assert first_working_day(year, month, holidays=[]) == expected


@pytest.mark.django_db
def test_the_seeded_fixed_holidays_move_no_first_working_day_in_2026_and_2027():
    assert PublicHoliday.objects.filter(year=None).count() == 5
    for (year, month), day in WITHOUT_HOLIDAYS.items():
        assert first_working_day(year, month) == dt.date(year, month, day), (year, month)


@pytest.mark.django_db
@pytest.mark.parametrize(("year", "month"), sorted(WITH_HOLIDAYS))
def test_the_first_working_day_skips_public_holidays(year, month):
    for name, on_year, on_month, day, days in TEST_HOLIDAYS:
        PublicHoliday.objects.create(name_en=name, year=on_year, month=on_month, day=day, days=days)
    assert first_working_day(year, month) == dt.date(year, month, WITH_HOLIDAYS[year, month])


def test_a_month_whose_first_week_is_all_holidays_has_no_first_working_day():
    week = PublicHoliday(name_en="Test", year=2027, month=6, day=1, days=7)
    assert first_working_day(2027, 6, holidays=[week]) is None
