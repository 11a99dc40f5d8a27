"""The first working day of a month, when the monthly schedule goes out
(assessment Annex 2c; the Libyan weekend is Friday and Saturday)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

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
        venue="",
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
    assert first_working_day(year, month) == expected
