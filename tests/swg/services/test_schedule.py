"""The monthly meeting schedule: the month's meetings of all SWGs to every member
and interested partner on the first working day, in their language, with a
calendar file, once (DESIGN §3 "Monthly schedule", §5; assessment Annex 2c)."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import icalendar
import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command

from coordination.models import OutboxMessage
from swg.models import PublicHoliday, ScheduleOptOut
from swg.services.meetings import agenda_item_add, meeting_cancel, meeting_postpone
from swg.services.schedule import (
    monthly_schedule_send,
    public_holiday_check,
    schedule_opt_in,
    schedule_opt_out,
    schedule_subscriptions_set,
    schedule_unsubscribe_email,
)
from swg.tasks import monthly_schedule_send_task
from tests.factories import OrganizationFactory, UserFactory, plan_meeting

TRIPOLI = ZoneInfo("Africa/Tripoli")


# March 2030 starts on a Friday: its first working day is Sunday 3 March.
YEAR, MONTH = 2030, 3


FIRST_WORKING_DAY = dt.date(2030, 3, 3)


EVERYONE = [
    "amina@who.example",  # technical lead of Health
    "coord@example.org",  # coordination team
    "khaled@moh.example",  # chair of Health
    "marco@eud.example",  # member of Education
    "partner.a@example.org",  # partner focal points
    "partner.b@example.org",
]


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


def _messages():
    return OutboxMessage.objects.filter(purpose="schedule.monthly").order_by("recipient_email")


def _ics(message) -> icalendar.Calendar:
    (attachment,) = message.attachments
    assert attachment["filename"] == "swg-meetings-2030-03.ics"
    assert attachment["mimetype"] == "text/calendar; method=PUBLISH"
    return icalendar.Calendar.from_ical(attachment["content"])


@pytest.mark.parametrize("day", [dt.date(2030, 3, 1), dt.date(2030, 3, 2), dt.date(2030, 3, 4)])
def test_the_task_does_nothing_on_other_days(month, day):
    assert monthly_schedule_send_task(today=day.isoformat()) is None
    assert not _messages().exists()


def test_the_task_sends_on_the_first_working_day(month):
    assert monthly_schedule_send_task(today=FIRST_WORKING_DAY.isoformat()) == len(EVERYONE)
    assert [m.recipient_email for m in _messages()] == EVERYONE
    assert {m.object_key for m in _messages()} == {"schedule:2030-03"}


def test_the_beat_schedule_runs_the_task_at_eight_on_days_one_to_seven():
    # Public holidays can push the first working day past the 3rd; the holiday
    # list must leave one in the first week (swg.services.schedule.public_holiday_check).
    from coordination.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["monthly-schedule"]
    assert entry["task"] == "swg.tasks.monthly_schedule_send_task"
    assert entry["task"] in app.tasks
    assert entry["schedule"] == crontab(hour=8, minute=0, day_of_month="1-7")
    assert settings.CELERY_TIMEZONE == "Africa/Tripoli"


def test_running_twice_sends_each_recipient_once(month):
    assert monthly_schedule_send(year=YEAR, month=MONTH) == len(EVERYONE)
    assert monthly_schedule_send(year=YEAR, month=MONTH) == 0
    assert monthly_schedule_send_task(today=FIRST_WORKING_DAY.isoformat()) == 0
    assert [m.recipient_email for m in _messages()] == EVERYONE


def test_people_of_a_retired_group_and_its_meetings_are_left_out(world, month):
    world.swg_y.is_active = False
    world.swg_y.save()
    monthly_schedule_send(year=YEAR, month=MONTH)
    emails = [m.recipient_email for m in _messages()]
    assert "marco@eud.example" not in emails and "amina@who.example" in emails
    events = _ics(_messages().first()).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "Health SWG monthly meeting",
        "Health late review",
    ]


def test_a_month_without_meetings_sends_nothing(world):
    assert monthly_schedule_send(year=YEAR, month=MONTH) == 0
    assert not _messages().exists()


def test_the_email_groups_the_months_meetings_by_group_in_tripoli_time(month):
    monthly_schedule_send(year=YEAR, month=MONTH)
    message = _messages().get(recipient_email="amina@who.example")
    assert message.subject == "SWG meeting schedule for March 2030"
    assert message.language == "en" and message.swg is None
    text = message.body_text
    assert "3 meetings of the sector working groups are scheduled in March 2030" in text
    assert text.index("== Health ==") < text.index("Monday 4 March, 10:00–12:00")
    assert text.index("Monday 4 March") < text.index("Sunday 31 March, 22:00–1 April 00:00")
    assert text.index("== Health ==") < text.index("== Education ==")
    assert "Tuesday 12 March, 09:30–11:30: Education SWG meeting" in text
    assert "Online link: https://meet.example/edu" in text
    assert "Where: Ministry of Planning, Tripoli" in text
    assert "Before" not in text and "After" not in text
    assert "/calendar/month/?month=2030-03" in text
    assert 'lang="en" dir="ltr"' in message.body_html
    assert "Health late review" in message.body_html


def test_an_arabic_recipient_gets_the_arabic_email(world, month):
    world.contact_b.preferred_language = "ar"
    world.contact_b.save()
    monthly_schedule_send(year=YEAR, month=MONTH)
    message = _messages().get(recipient_email="marco@eud.example")
    assert message.language == "ar"
    assert message.recipient_name == "ماركو روسي"
    assert 'lang="ar" dir="rtl"' in message.body_html
    assert "مارس" in message.subject and "SWG meeting schedule" not in message.subject
    for text in (message.body_html, message.body_text):
        assert "الصحة" in text and "التعليم" in text  # the groups' Arabic names
        assert "اجتماع مجموعة التعليم" in text and "مخزون" not in text
        assert "Health" not in text and "Education SWG meeting" not in text
    cal = _ics(message)
    assert "مارس" in str(cal["X-WR-CALNAME"])
    assert "اجتماع مجموعة التعليم" in [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    english = _messages().get(recipient_email="amina@who.example")
    assert 'lang="en"' in english.body_html and "Education SWG meeting" in english.body_text


def test_the_calendar_file_holds_exactly_the_months_meetings_in_tripoli_time(month):
    monthly_schedule_send(year=YEAR, month=MONTH)
    cal = _ics(_messages().first())
    assert cal["METHOD"] == "PUBLISH"
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Africa/Tripoli"]
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"{m.uid}@127.0.0.1" for m in month]
    assert [e.decoded("DTSTART") for e in events] == [m.starts_at for m in month]
    assert all(e["DTSTART"].params["TZID"] == "Africa/Tripoli" for e in events)
    assert all(e["DTEND"].params["TZID"] == "Africa/Tripoli" for e in events)
    assert "Vaccine stock" in str(events[0]["DESCRIPTION"])


def test_cancelled_and_postponed_meetings_are_left_out(world, month):
    health_1, education, health_2 = month
    meeting_cancel(meeting=education, reason="No quorum")
    moved = meeting_postpone(meeting=health_2, starts_at=_at(20, 11), ends_at=_at(20, 13))
    monthly_schedule_send(year=YEAR, month=MONTH)
    message = _messages().first()
    assert [str(e["UID"]) for e in _ics(message).walk("VEVENT")] == [
        f"{health_1.uid}@127.0.0.1",
        f"{moved.uid}@127.0.0.1",
    ]
    assert "Education SWG meeting" not in message.body_text
    assert "Wednesday 20 March, 11:00–13:00" in message.body_text
    assert "Sunday 31 March" not in message.body_text


def test_held_meetings_stay_in_the_schedule(month):
    held = month[0]
    held.status = held.Status.HELD
    held.save()
    monthly_schedule_send(year=YEAR, month=MONTH)
    assert len(_ics(_messages().first()).walk("VEVENT")) == 3


def test_it_is_delivered_over_smtp_once(month, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert monthly_schedule_send_task(today=FIRST_WORKING_DAY.isoformat()) == len(EVERYONE)
    received = smtp_server.wait_for(len(EVERYONE))
    assert sorted(r for m in received for r in m.rcpt_tos) == EVERYONE
    with django_capture_on_commit_callbacks(execute=True):
        assert monthly_schedule_send_task(today=FIRST_WORKING_DAY.isoformat()) == 0
    assert smtp_server.count_by_recipient() == dict.fromkeys(EVERYONE, 1)

    message = next(m for m in received if m.rcpt_tos == ["amina@who.example"])
    assert message.subject == "SWG meeting schedule for March 2030"
    assert message.header("X-SWG-Purpose") == "schedule.monthly"
    assert "Education SWG meeting" in message.html and "Education SWG meeting" in message.text
    (attachment,) = message.attachments
    assert (attachment.filename, attachment.content_type) == (
        "swg-meetings-2030-03.ics",
        "text/calendar",
    )
    assert len(icalendar.Calendar.from_ical(attachment.content).walk("VEVENT")) == 3
    assert all(m.status == OutboxMessage.Status.SENT for m in _messages())


def test_the_command_sends_a_given_month_once(month):
    out = StringIO()
    call_command("send_monthly_schedule", "--year", "2030", "--month", "3", stdout=out)
    assert f"{len(EVERYONE)} messages queued" in out.getvalue()
    call_command("send_monthly_schedule", "--year", "2030", "--month", "3", stdout=out)
    assert "0 messages queued" in out.getvalue()
    assert _messages().count() == len(EVERYONE)
    call_command("send_monthly_schedule", "--year", "2030", "--month", "5", stdout=out)
    assert "No meetings scheduled in 2030-05" in out.getvalue()


def test_the_arabic_email_isolates_the_time_and_an_english_title(world, month):
    # A meeting with no Arabic title: its English title follows the time in an
    # Arabic line, and neither may run into the other (Unicode UAX #9 isolates).
    plan_meeting(world, starts_at=_at(18, 9), title_en="Donor briefing", title_ar="")
    world.contact_b.preferred_language = "ar"
    world.contact_b.save()
    monthly_schedule_send(year=YEAR, month=MONTH)
    message = _messages().get(recipient_email="marco@eud.example")
    assert "الاثنين 18 مارس, \u206809:00–11:00\u2069: \u2068Donor briefing\u2069" in (
        message.body_text
    )
    assert "<strong><bdi>Donor briefing</bdi></strong>" in message.body_html


# ---------------------------------------------------------------- holidays


def test_a_holiday_moves_the_day_the_task_sends(month):
    PublicHoliday.objects.create(name_en="Test holiday", year=2030, month=3, day=3, days=1)
    assert monthly_schedule_send_task(today="2030-03-03") is None
    assert monthly_schedule_send_task(today="2030-03-04") == len(EVERYONE)


def test_it_refuses_a_holiday_that_leaves_no_working_day_in_the_first_week(db):
    # June 2030 starts on a Saturday: Sunday 2 to Thursday 6 are its working days.
    holiday = PublicHoliday(name_en="Too long", year=2030, month=6, day=2, days=5)
    with pytest.raises(ValidationError, match="June 2030 has no working day"):
        public_holiday_check(holiday=holiday)
    public_holiday_check(holiday=PublicHoliday(name_en="Fine", year=2030, month=6, day=2, days=4))


def test_a_fixed_holiday_is_checked_in_every_year(db):
    PublicHoliday.objects.create(name_en="Test: 2 to 5 January", month=1, day=2, days=4)
    # With 1 January off too, a year whose 1 January is a Sunday has no working
    # day from 1 to 7 January (the 6th and 7th are Friday and Saturday).
    with pytest.raises(ValidationError, match="January 2034"):
        public_holiday_check(holiday=PublicHoliday(name_en="Test", month=1, day=1, days=1))


# ---------------------------------------------------------------- who receives it


def test_a_partner_who_is_no_member_gets_only_the_groups_they_follow(world, month):
    guest = UserFactory(email="guest@unicef.example", organization=OrganizationFactory())
    schedule_subscriptions_set(user=guest, swgs=[world.swg_y])
    monthly_schedule_send(year=YEAR, month=MONTH)
    message = _messages().get(recipient_email="guest@unicef.example")
    assert "Education SWG meeting" in message.body_text
    assert "Health" not in message.body_text
    assert "One meeting of the sector working groups" in message.body_text
    assert [str(e["SUMMARY"]) for e in _ics(message).walk("VEVENT")] == ["Education SWG meeting"]


def test_a_partner_who_is_no_member_and_follows_nothing_gets_nothing(world, month):
    UserFactory(email="guest@unicef.example", organization=OrganizationFactory())
    monthly_schedule_send(year=YEAR, month=MONTH)
    assert [m.recipient_email for m in _messages()] == EVERYONE


def test_an_address_that_unsubscribed_gets_nothing_until_it_subscribes_again(world, month):
    assert schedule_opt_out(email="Marco@EUD.example", source=ScheduleOptOut.Source.LINK)
    monthly_schedule_send(year=YEAR, month=MONTH)
    assert "marco@eud.example" not in [m.recipient_email for m in _messages()]
    assert schedule_opt_in(email="marco@eud.example")
    assert monthly_schedule_send(year=YEAR, month=MONTH) == 1


def test_the_email_carries_a_signed_unsubscribe_link(month):
    monthly_schedule_send(year=YEAR, month=MONTH)
    message = _messages().get(recipient_email="amina@who.example")
    line = next(ln for ln in message.body_text.splitlines() if "/schedule/unsubscribe/" in ln)
    token = line.rsplit("/schedule/unsubscribe/", 1)[1].strip("/")
    assert schedule_unsubscribe_email(token) == "amina@who.example"
    assert schedule_unsubscribe_email(token[:-2] + "xx") is None


def test_the_sent_email_has_list_unsubscribe_headers(
    month, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        monthly_schedule_send(year=YEAR, month=MONTH)
    received = smtp_server.wait_for(len(EVERYONE))
    message = next(m for m in received if m.rcpt_tos == ["amina@who.example"])
    link = " ".join(message.header("List-Unsubscribe").split())  # unfolded
    assert link.startswith("<http://127.0.0.1:8000/schedule/unsubscribe/") and link.endswith(">")
    assert message.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"


def test_the_dry_run_prints_the_recipients_per_language_and_sends_nothing(world, month):
    world.contact_b.preferred_language = "ar"
    world.contact_b.save()
    out = StringIO()
    call_command("send_monthly_schedule", "--year", "2030", "--month", "3", "--dry-run", stdout=out)
    assert out.getvalue().strip() == (
        "Dry run, nothing sent. Schedule for 2030-03 (3 meetings) would go to 6 recipients "
        "(ar: 1, en: 5)."
    )
    assert not _messages().exists()
