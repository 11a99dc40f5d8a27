"""The meeting calendar: list and month grid, across groups and per group,
filtered, showing only what the user may see."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from swg.models import Meeting
from swg.services.meetings import meeting_cancel
from tests.factories import plan_meeting

TRIPOLI = ZoneInfo("Africa/Tripoli")


def _at(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=TRIPOLI)


def _titles(response) -> list[str]:
    return [m.title for m in response.context["page"]]


def _month_titles(response) -> dict[int, list[str]]:
    return {
        day.date.day: [m.title for m in day.meetings]
        for week in response.context["weeks"]
        for day in week
        if day.in_month and day.meetings
    }


@pytest.fixture
def meetings(world):
    soon = timezone.now() + dt.timedelta(days=3)
    return {
        "health": plan_meeting(world, title_en="Health SWG", starts_at=soon),
        "education": plan_meeting(world, swg=world.swg_y, title_en="Education SWG", starts_at=soon),
        "workshop": plan_meeting(
            world,
            title_en="Cold-chain workshop",
            kind="workshop",
            starts_at=soon + dt.timedelta(days=1),
        ),
        "past": plan_meeting(
            world, title_en="Last quarter", starts_at=timezone.now() - dt.timedelta(days=20)
        ),
    }


def test_it_lists_upcoming_meetings_of_every_group(client, world, meetings):
    client.force_login(world.coordination)
    response = client.get("/calendar/")
    assert _titles(response) == ["Health SWG", "Education SWG", "Cold-chain workshop"]
    assert "Education" in response.content.decode()


def test_it_shows_a_partner_only_their_groups_meetings(client, world, meetings):
    client.force_login(world.partner_b)
    assert _titles(client.get("/calendar/")) == ["Education SWG"]
    client.force_login(world.partner_a)
    assert "Education SWG" not in _titles(client.get("/calendar/"))


def test_it_filters_by_group_kind_and_status(client, world, meetings):
    meeting_cancel(meeting=meetings["health"])
    client.force_login(world.secretariat_x)
    assert _titles(client.get("/calendar/", {"swg": world.swg_y.pk})) == ["Education SWG"]
    assert _titles(client.get("/calendar/", {"kind": "workshop"})) == ["Cold-chain workshop"]
    assert _titles(client.get("/calendar/", {"status": "cancelled"})) == ["Health SWG"]


def test_it_filters_by_dates(client, world, meetings):
    client.force_login(world.secretariat_x)
    since = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    until = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = client.get("/calendar/", {"starts_after": since, "starts_before": until})
    assert _titles(response) == ["Last quarter"]


def test_it_lists_one_groups_meetings_with_a_plan_button(client, world, meetings):
    client.force_login(world.secretariat_x)
    response = client.get("/swg/health/meetings/")
    assert _titles(response) == ["Health SWG", "Cold-chain workshop"]
    assert "Plan a meeting" in response.content.decode()
    client.force_login(world.partner_b)
    assert client.get("/swg/health/meetings/").status_code == 404


def test_it_shows_the_month_grid_by_tripoli_date(client, world):
    plan_meeting(world, title_en="Morning meeting", starts_at=_at(2030, 3, 10))
    # 00:30 in Tripoli on 1 April is still 31 March in UTC.
    plan_meeting(world, title_en="Early April", starts_at=_at(2030, 4, 1, 0, 30))
    client.force_login(world.secretariat_x)
    march = client.get("/calendar/month/", {"month": "2030-03"})
    assert _month_titles(march) == {10: ["Morning meeting"]}
    html = march.content.decode()
    assert "March 2030" in html and "10:00" in html
    april = client.get("/calendar/month/", {"month": "2030-04"})
    assert _month_titles(april) == {1: ["Early April"]}


def test_it_starts_weeks_on_sunday(client, world):
    client.force_login(world.secretariat_x)
    weeks = client.get("/calendar/month/", {"month": "2030-03"}).context["weeks"]
    assert weeks[0][0].date == dt.date(2030, 2, 24) and weeks[0][0].date.weekday() == 6


def test_it_filters_the_month_grid(client, world):
    plan_meeting(world, title_en="Health SWG", starts_at=_at(2030, 3, 10))
    plan_meeting(world, swg=world.swg_y, title_en="Education SWG", starts_at=_at(2030, 3, 12))
    client.force_login(world.secretariat_x)
    response = client.get("/calendar/month/", {"month": "2030-03", "swg": world.swg_y.pk})
    assert _month_titles(response) == {12: ["Education SWG"]}
    per_group = client.get("/swg/education/meetings/month/", {"month": "2030-03"})
    assert _month_titles(per_group) == {12: ["Education SWG"]}
    client.force_login(world.partner_a)
    assert _month_titles(client.get("/calendar/month/", {"month": "2030-03"})) == {
        10: ["Health SWG"]
    }


def test_a_busy_day_shows_its_first_meetings_and_links_to_the_rest(client, world):
    for hour in range(8, 14):
        plan_meeting(world, title_en=f"At {hour}", starts_at=_at(2030, 3, 10, hour))
    plan_meeting(world, title_en="Next day", starts_at=_at(2030, 3, 11))
    client.force_login(world.secretariat_x)
    month = client.get("/calendar/month/", {"month": "2030-03"})
    assert _month_titles(month) == {
        10: ["At 8", "At 9", "At 10", "At 11"],
        11: ["Next day"],
    }
    assert month.context["meeting_count"] == 7
    html = month.content.decode()
    assert "7 meetings this month" in html
    (more,) = re.findall(
        r'<a class="d-block small" href="([^"]+)" data-testid="day-more">2 more</a>', html
    )
    day = client.get(more.replace("&amp;", "&"))
    assert _titles(day) == ["At 8", "At 9", "At 10", "At 11", "At 12", "At 13"]


def test_it_falls_back_to_this_month_for_a_bad_month(client, world):
    client.force_login(world.secretariat_x)
    response = client.get("/calendar/month/", {"month": "2030-13"})
    assert response.status_code == 200
    assert response.context["first"] == timezone.localdate().replace(day=1)


def _many_meetings(world, count):
    for n in range(count):
        swg = world.swg_x if n % 2 else world.swg_y
        plan_meeting(
            world, swg=swg, title_en=f"Meeting {n}", starts_at=_at(2030, 3, 1 + n % 28, 9 + n % 8)
        )


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/calendar/?starts_after=2030-01-01", 6),
        ("/calendar/month/?month=2030-03", 6),
        ("/swg/health/meetings/?starts_after=2030-01-01", 6),
        ("/swg/health/meetings/month/?month=2030-03", 6),
    ],
)
def test_it_shows_the_calendar_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries, url, budget
):
    # Measured on SQLite: session, user, appointments, group (per group), filter choices,
    # meetings (the month grid: its meetings and each day's count).
    _many_meetings(world, 30)
    client.force_login(world.secretariat_x)
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200 and Meeting.objects.count() == 30
