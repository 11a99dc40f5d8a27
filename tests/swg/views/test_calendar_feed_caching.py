"""A calendar program polls its feed every hour: the feed holds a bounded
window, and a poll when nothing changed answers 304 from the feed's version
in a fixed number of queries, without building a single event
(docs/architecture.md "Long work")."""

import datetime as dt

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from swg.services.calendar_feeds import calendar_token_create
from swg.services.meetings import meeting_update
from tests.factories import plan_meeting


def _summaries(response) -> list[str]:
    return [
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    ]


@pytest.fixture
def feed_url(world):
    return f"/calendar/feed/{calendar_token_create(user=world.secretariat_x).token}.ics"


def _never_build(monkeypatch):
    def fail(**kwargs):
        raise AssertionError("the feed was built for a poll that changed nothing")

    monkeypatch.setattr("swg.views.calendar.meetings_feed", fail)


def test_it_leaves_meetings_more_than_two_years_ahead_out(client, world, feed_url):
    plan_meeting(world, title_en="Next month", starts_at=timezone.now() + dt.timedelta(days=30))
    plan_meeting(
        world, title_en="In three years", starts_at=timezone.now() + dt.timedelta(days=1100)
    )
    assert _summaries(client.get(feed_url)) == ["Next month"]


def test_a_poll_with_the_etag_answers_304_without_building_the_feed(
    client, world, feed_url, monkeypatch
):
    plan_meeting(world, title_en="Health SWG monthly meeting")
    first = client.get(feed_url)
    assert first.status_code == 200 and first["ETag"]
    assert "private" in first["Cache-Control"] and "no-store" not in first["Cache-Control"]
    _never_build(monkeypatch)
    again = client.get(feed_url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_a_poll_with_the_last_modified_date_answers_304(client, world, feed_url, monkeypatch):
    plan_meeting(world, title_en="Health SWG monthly meeting")
    first = client.get(feed_url)
    _never_build(monkeypatch)
    again = client.get(feed_url, headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


def test_a_changed_meeting_changes_the_feed(client, world, feed_url):
    meeting = plan_meeting(world, title_en="Health SWG monthly meeting")
    first = client.get(feed_url)
    meeting_update(
        meeting=meeting,
        by=world.secretariat_x,
        title_en="Health SWG: new title",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
    )
    again = client.get(feed_url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert _summaries(again) == ["Health SWG: new title"]


def test_a_new_meeting_changes_the_group_feed(client, world):
    plan_meeting(world, title_en="First")
    client.force_login(world.secretariat_x)
    first = client.get("/swg/health/calendar.ics")
    plan_meeting(world, title_en="Second", starts_at=timezone.now() + dt.timedelta(days=9))
    again = client.get("/swg/health/calendar.ics", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200 and _summaries(again) == ["First", "Second"]


def _poll_queries(client, url) -> int:
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    return len(ctx)


def test_a_poll_runs_the_same_few_queries_for_ten_times_the_meetings(client, world, feed_url):
    start = timezone.now() + dt.timedelta(days=1)
    for n in range(3):
        plan_meeting(world, title_en=f"Meeting {n}", starts_at=start + dt.timedelta(days=n))
    few = _poll_queries(client, feed_url)
    for n in range(3, 30):
        plan_meeting(world, title_en=f"Meeting {n}", starts_at=start + dt.timedelta(days=n))
    assert _poll_queries(client, feed_url) == few
    assert few <= 6
