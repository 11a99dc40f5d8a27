"""The figures of the annual membership reassessment (swg/selectors/reviews.py):
meetings attended since joining, action points done and overdue, and the
quarterly updates counted by whichever app registers the hook."""

import datetime as dt

import pytest
from django.utils import timezone

from swg.models import Membership
from swg.selectors.reviews import member_records, review_period
from swg.services.attendance import attendance_record
from swg.services.meetings import meeting_mark_held
from swg.services.reviews import membership_reviews_record
from tests.factories import ActionPointFactory, held_meeting, make_meeting


def _who(world):
    return Membership.objects.get(swg=world.swg_x, organization=world.org_a)


@pytest.fixture(autouse=True)
def _members_for_two_years(world):
    Membership.objects.filter(swg=world.swg_x).update(
        start_date=timezone.localdate() - dt.timedelta(days=730)
    )


def _two_meetings_who_at_one(world):
    held_meeting(world, days_ago=100)  # WHO present
    meeting = make_meeting(world, days_ago=40, invite=(world.contact_a, world.contact_gov))
    attendance_record(
        meeting=meeting, entries=[(world.contact_a, "absent"), (world.contact_gov, "present")]
    )
    meeting_mark_held(meeting=meeting)
    held_meeting(world, days_ago=400)  # more than a year ago: not counted


def test_it_counts_only_meetings_since_the_member_joined(world):
    _two_meetings_who_at_one(world)
    start, end = review_period()
    joined = timezone.localdate() - dt.timedelta(days=50)
    record = member_records(
        swg=world.swg_x,
        organization_ids=[world.org_a.pk],
        period_start=start,
        period_end=end,
        since={world.org_a.pk: joined},
    )[world.org_a.pk]
    assert (record.meetings_held, record.meetings_attended, record.attendance_percent) == (1, 0, 0)


def test_it_counts_action_points_done_and_overdue(world):
    meeting = held_meeting(world, days_ago=30)
    today = timezone.localdate()
    for status, due in (("done", 5), ("open", -5), ("in_progress", -1), ("open", 10)):
        ActionPointFactory(
            source_meeting=meeting,
            owner_organization=world.org_a,
            due_in_days=due,
            status=status,
            closed_on=today if status == "done" else None,
        )
    start, end = review_period()
    record = member_records(
        swg=world.swg_x, organization_ids=[world.org_a.pk], period_start=start, period_end=end
    )[world.org_a.pk]
    assert (record.actions_done, record.actions_overdue) == (1, 2)
    assert record.updates_missing == 0  # counted by projects_db (no projects here)


def test_it_takes_missing_updates_from_the_project_database_once_it_exists(world, monkeypatch):
    monkeypatch.setattr(
        "swg.selectors.reviews._updates_missing",
        lambda *, organization_ids, period_start, period_end: dict.fromkeys(organization_ids, 2),
    )
    (review,) = membership_reviews_record(
        swg=world.swg_x, decisions=[(_who(world), "warn", "Send the updates")], by=world.chair
    )
    assert review.updates_missing == 2
