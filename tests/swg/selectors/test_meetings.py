"""The group page's meetings (swg.selectors.meetings.swg_meetings_overview): the
next few and the last few, whatever the years of meetings behind them."""

import datetime as dt

from django.utils import timezone

from swg.models import Meeting
from swg.selectors.meetings import swg_meetings_overview
from tests.factories import MeetingFactory


def _meeting(swg, *, days, hours=2):
    starts = timezone.now() + dt.timedelta(days=days)
    return MeetingFactory(swg=swg, starts_at=starts, ends_at=starts + dt.timedelta(hours=hours))


def test_it_shows_the_next_five_soonest_first_and_the_last_five_latest_first(
    world, django_assert_num_queries
):
    past = [_meeting(world.swg_x, days=-d) for d in range(1, 9)]
    ahead = [_meeting(world.swg_x, days=d) for d in range(1, 9)]
    _meeting(world.swg_y, days=1)  # another group's

    with django_assert_num_queries(1):
        overview = swg_meetings_overview(meetings=Meeting.objects.filter(swg=world.swg_x))

    assert overview["upcoming"] == ahead[:5]
    assert overview["recent"] == past[:5]


def test_a_meeting_under_way_is_upcoming(world):
    under_way = _meeting(world.swg_x, days=-0.05, hours=3)  # began an hour ago

    overview = swg_meetings_overview(meetings=Meeting.objects.filter(swg=world.swg_x))

    assert overview["upcoming"] == [under_way]
    assert overview["recent"] == []


def test_it_reads_only_the_meetings_it_is_given(world):
    mine = _meeting(world.swg_x, days=-3)
    _meeting(world.swg_x, days=-2, hours=1)

    overview = swg_meetings_overview(meetings=Meeting.objects.filter(pk=mine.pk))

    assert overview == {"upcoming": [], "recent": [mine]}
