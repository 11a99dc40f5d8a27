"""What needs each role now (dashboards/selectors/home.py): each list holds
exactly what the data makes due, for the groups the user holds."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from coordination.models import OutboxMessage
from dashboards.selectors.home import chair_home, coordination_home, partner_home, secretariat_home
from swg.models import Invitation, Meeting
from swg.permissions import actor_for
from swg.services.minutes import minutes_return
from tests.factories import (
    ActionPointFactory,
    ContactFactory,
    MeetingFactory,
    approved_minutes,
    circulated_minutes,
    held_meeting,
    make_correspondence,
    make_meeting,
    make_report,
    make_tor,
    submitted_minutes,
)

TRIPOLI = zoneinfo.ZoneInfo("Africa/Tripoli")
# Mid-month, so "this month" holds meetings a week before and after.
NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=TRIPOLI)


@pytest.fixture
def travel():
    with time_machine.travel(NOW, tick=False):
        yield


def _keys(items):
    return sorted(item.key for item in items)


def _section(sections, key):
    return next(s for s in sections if s.key == key).items


def test_it_gives_each_meeting_of_the_month_its_next_step(travel, world):
    MeetingFactory(starts_at=NOW + dt.timedelta(days=5))  # invitations not sent
    MeetingFactory(starts_at=NOW + dt.timedelta(days=6), invitations_sent_at=NOW)  # nothing
    make_meeting(world, days_ago=2)  # took place, no attendance
    held_meeting(world, days_ago=3)  # attendance, no minutes
    submitted_minutes(world, days_ago=4)
    returned = submitted_minutes(world, days_ago=5)
    minutes_return(minutes=returned, comment="Add the figures", by=world.chair)
    approved_minutes(world, days_ago=6)
    circulated_minutes(world, days_ago=7)  # done
    make_meeting(world, days_ago=30)  # last month
    MeetingFactory(swg=world.swg_y, starts_at=NOW + dt.timedelta(days=5))  # not theirs
    MeetingFactory(starts_at=NOW + dt.timedelta(days=2), status=Meeting.Status.CANCELLED)

    steps = _section(secretariat_home(actor=actor_for(world.secretariat_x)), "meetings")
    assert _keys(steps) == ["attendance", "chair", "circulate", "draft", "invite", "returned"]
    by_key = {s.key: s for s in steps}
    assert by_key["returned"].url == returned.get_absolute_url()
    education = _section(secretariat_home(actor=actor_for(world.secretariat_y)), "meetings")
    assert _keys(education) == ["invite"]


def test_it_lists_the_secretariats_follow_ups(travel, world):
    ActionPointFactory(due_in_days=-3)
    ActionPointFactory(due_in_days=-1)
    ActionPointFactory(due_in_days=4)  # not yet due
    ActionPointFactory(due_in_days=-2, status="done")
    ActionPointFactory(due_in_days=-2, swg=world.swg_y)  # Education's
    make_correspondence(
        world,
        follow_up_status="open",
        follow_up_due=NOW.date() - dt.timedelta(days=1),
    )
    make_correspondence(
        world,
        reference="IN-2026-002",
        follow_up_status="open",
        follow_up_due=NOW.date() + dt.timedelta(days=5),
    )
    make_correspondence(world, reference="IN-2026-003")
    OutboxMessage.objects.create(
        purpose="test",
        object_key="1",
        recipient_email="a@example.org",
        swg=world.swg_x,
        subject="s",
        body_text="b",
        status=OutboxMessage.Status.FAILED,
    )

    items = {
        i.key: i
        for i in _section(secretariat_home(actor=actor_for(world.secretariat_x)), "follow-up")
    }
    assert sorted(items) == ["correspondence", "failed-messages", "overdue-action-points"]
    assert items["overdue-action-points"].count == 2
    assert items["overdue-action-points"].url == "/swg/health/action-points/"
    assert items["correspondence"].count == 2 and items["correspondence"].urgent
    assert items["failed-messages"].count == 1


def test_it_lists_what_awaits_the_chair(travel, world):
    minutes = submitted_minutes(world, days_ago=3)
    approved_minutes(world, days_ago=4)
    tor = make_tor(world, status="reviewed")
    make_tor(world, swg=world.swg_y, status="reviewed")  # Education's
    items = _section(chair_home(actor=actor_for(world.chair)), "approvals")
    assert _keys(items) == ["minutes-to-approve", "reassessment-due", "tor-to-endorse"]
    by_key = {i.key: i for i in items}
    assert by_key["minutes-to-approve"].url == minutes.get_absolute_url()
    assert by_key["tor-to-endorse"].url == tor.get_absolute_url()
    assert by_key["reassessment-due"].url == "/swg/health/reassessment/"


def test_the_chair_sees_a_rendered_progress_report_to_approve(travel, world):
    from reports.models import ReportGeneration

    report = make_report(world)
    items = _section(chair_home(actor=actor_for(world.chair)), "approvals")
    assert "report-to-approve" not in _keys(items)  # not rendered yet: nothing to read
    ReportGeneration.objects.create(
        report=report, language="ar", status=ReportGeneration.Status.DONE, progress=100
    )
    items = _section(chair_home(actor=actor_for(world.chair)), "approvals")
    [item] = [i for i in items if i.key == "report-to-approve"]
    assert item.url == report.get_absolute_url()
    assert _section(chair_home(actor=actor_for(world.secretariat_y)), "approvals") == []


def test_it_shows_a_partner_her_invitations_and_her_organizations_work(travel, world):
    me = ContactFactory(organization=world.org_a, email=world.partner_a.email)
    sent = MeetingFactory(starts_at=NOW + dt.timedelta(days=3), invitations_sent_at=NOW)
    Invitation.objects.create(meeting=sent, contact=me, rsvp="tentative")
    unsent = MeetingFactory(starts_at=NOW + dt.timedelta(days=4))
    Invitation.objects.create(meeting=unsent, contact=me)
    past = make_meeting(world, days_ago=2)
    Invitation.objects.create(meeting=past, contact=me)
    ActionPointFactory(owner_organization=world.org_a, due_in_days=-2)
    ActionPointFactory(owner_organization=world.org_a, due_in_days=5)
    ActionPointFactory(owner_organization=world.org_b, due_in_days=-2)

    home = partner_home(actor=actor_for(world.partner_a))
    assert [row.invitation.meeting for row in home["rsvps"]] == [sent]
    assert home["rsvps"][0].invitation.rsvp == "tentative"
    items = {i.key: i for i in home["items"]}
    assert items["open-action-points"].count == 2 and items["open-action-points"].urgent
    assert partner_home(actor=actor_for(world.partner_b))["rsvps"] == []


def test_it_warns_the_coordination_team(travel, world):
    held_meeting(world, days_ago=10)  # Health met, with the ministry present
    no_government = make_meeting(world, swg=world.swg_y, days_ago=20, invite=(world.contact_b,))
    from swg.services.attendance import attendance_record
    from swg.services.meetings import meeting_mark_held

    attendance_record(meeting=no_government, entries=[(world.contact_b, "present")])
    meeting_mark_held(meeting=no_government)

    items = coordination_home(actor=actor_for(world.coordination))
    quiet = [i.label for i in items if i.key == "quiet-group"]
    assert world.swg_x.name_en not in quiet and world.swg_y.name_en not in quiet
    assert len(quiet) == 5  # the other five of the seven groups
    flagged = [i.url for i in items if i.key == "no-government"]
    assert flagged == [no_government.get_absolute_url()]


def test_it_counts_the_same_whatever_the_number_of_meetings(
    travel, world, django_assert_num_queries
):
    for days in range(1, 6):
        submitted_minutes(world, days_ago=days)
    actor = actor_for(world.secretariat_x)
    with django_assert_num_queries(5):
        secretariat_home(actor=actor, now=timezone.now())
