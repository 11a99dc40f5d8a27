"""``{% meeting_status %}`` and ``{% meeting_when_where %}`` (swg/templatetags/meetings.py):
what a meeting row says about the meeting's state, time and place."""

import datetime as dt

from django.template import Context, Template
from django.utils import translation

from swg.models import Meeting
from tests.factories import MeetingFactory

TRIPOLI = dt.timezone(dt.timedelta(hours=2))


def _render(source, meeting, language="en"):
    with translation.override(language):
        return Template("{% load meetings %}" + source).render(Context({"meeting": meeting}))


def _meeting(**fields):
    fields.setdefault("starts_at", dt.datetime(2026, 3, 10, 9, 0, tzinfo=TRIPOLI))
    fields.setdefault("ends_at", fields["starts_at"] + dt.timedelta(hours=2))
    return MeetingFactory.build(venue_en="Ministry of Planning", **fields)


def test_it_shows_the_status_and_informal(db):
    meeting = _meeting(status=Meeting.Status.CANCELLED, is_formal=False)

    html = _render("{% meeting_status meeting %}", meeting)

    assert 'class="badge text-bg-danger"' in html and ">Cancelled<" in html
    assert ">Informal<" in html


def test_it_shows_no_informal_badge_for_a_formal_meeting(db):
    html = _render("{% meeting_status meeting %}", _meeting(status=Meeting.Status.POSTPONED))

    assert "text-bg-warning" in html and ">Postponed<" in html
    assert "Informal" not in html


def test_it_shows_the_day_times_and_place_in_tripoli_time(db):
    html = _render("{% meeting_when_where meeting %}", _meeting())

    assert "<bdi>Tue 10 Mar 2026</bdi>" in html
    assert "09:00–11:00" in html
    assert "<bdi>Ministry of Planning, Tripoli</bdi>" in html


def test_it_names_the_end_day_of_a_meeting_over_two_days(db):
    starts = dt.datetime(2026, 3, 10, 15, 0, tzinfo=TRIPOLI)
    meeting = _meeting(starts_at=starts, ends_at=starts + dt.timedelta(days=1))

    html = _render("{% meeting_when_where meeting %}", meeting)

    assert "15:00–<bdi>11 March</bdi> 15:00" in html


def test_it_says_and_online_unless_the_meeting_is_online_only(db):
    online_too = _meeting(online_url="https://meet.example/x")
    online_only = _meeting(online_url="https://meet.example/x", city=Meeting.City.ONLINE)

    assert "· and online" in _render("{% meeting_when_where meeting %}", online_too)
    assert "and online" not in _render("{% meeting_when_where meeting %}", online_only)


def test_it_writes_arabic_dates_in_arabic(db):
    html = _render("{% meeting_when_where meeting %}", _meeting(), language="ar")

    assert "مارس" in html
