"""Work moving between people in the working groups notifies the right person
once, in their language (swg/services/notifications.py)."""

import pytest

from coordination.models import Notification, NotificationPreference, OutboxMessage
from swg.services.action_points import action_point_add, action_point_update
from swg.services.minutes import (
    minutes_approve,
    minutes_circulate,
    minutes_return,
    minutes_submit,
)
from swg.services.notifications import (
    ACTION_POINT_ASSIGNED,
    GENERIC_TOR_TO_ENDORSE,
    MINUTES_APPROVED,
    MINUTES_RETURNED,
    MINUTES_SUBMITTED,
    TOR_TO_ENDORSE,
)
from swg.services.tors import tor_review
from tests.factories import UserFactory, draft_minutes, make_tor

pytestmark = pytest.mark.django_db


def _items(kind):
    return list(Notification.objects.filter(kind=kind).select_related("recipient"))


def test_submitted_minutes_go_to_the_chair_once_in_arabic(
    world, django_capture_on_commit_callbacks
):
    minutes = draft_minutes(world)
    with django_capture_on_commit_callbacks(execute=True):
        minutes_submit(minutes=minutes, by=world.secretariat_x)
    [item] = _items(MINUTES_SUBMITTED)
    assert item.recipient == world.chair
    assert item.url == minutes.get_absolute_url()
    message = OutboxMessage.objects.get(purpose=f"notification.{MINUTES_SUBMITTED}")
    assert message.recipient_email == world.chair.email
    assert message.language == "ar"


def test_a_duty_reaches_a_chair_who_turned_email_off(world, django_capture_on_commit_callbacks):
    world.chair.notification_email = NotificationPreference.OFF
    world.chair.save()
    with django_capture_on_commit_callbacks(execute=True):
        minutes_submit(minutes=draft_minutes(world), by=world.secretariat_x)
    assert OutboxMessage.objects.filter(recipient_email=world.chair.email).count() == 1


def test_returned_and_approved_minutes_go_to_the_secretariat(
    world, django_capture_on_commit_callbacks
):
    minutes = draft_minutes(world)
    with django_capture_on_commit_callbacks(execute=True):
        minutes = minutes_submit(minutes=minutes, by=world.secretariat_x)
    with django_capture_on_commit_callbacks(execute=True):
        minutes_return(minutes=minutes, comment="Add the figures.", by=world.chair)
    [returned] = _items(MINUTES_RETURNED)
    assert returned.recipient == world.secretariat_x
    assert (
        "Add the figures."
        in OutboxMessage.objects.get(purpose=f"notification.{MINUTES_RETURNED}").body_text
    )
    # Submitted again: the chair is told again, the secretariat of approval once.
    with django_capture_on_commit_callbacks(execute=True):
        minutes = minutes_submit(minutes=minutes, by=world.secretariat_x)
    with django_capture_on_commit_callbacks(execute=True):
        minutes_approve(minutes=minutes, by=world.chair)
    assert len(_items(MINUTES_SUBMITTED)) == 2
    [approved] = _items(MINUTES_APPROVED)
    assert approved.recipient == world.secretariat_x
    # Nobody of another group, no partner.
    assert not Notification.objects.filter(
        recipient__in=[world.secretariat_y, world.partner_a, world.partner_b]
    ).exists()


def test_an_action_point_reaches_its_owners_focal_point_when_circulated(
    world, django_capture_on_commit_callbacks
):
    minutes = draft_minutes(world)
    item = minutes.items.first()
    with django_capture_on_commit_callbacks(execute=True):
        point = action_point_add(
            minutes=minutes,
            minutes_item=item,
            description_en="Share the cold-chain plan",
            owner_organization=world.org_a,
            due_date=minutes.meeting.starts_at.date(),
        )
        minutes = minutes_submit(minutes=minutes, by=world.secretariat_x)
        minutes = minutes_approve(minutes=minutes, by=world.chair)
    # Draft content until circulated (DESIGN §3 "Meeting").
    assert not _items(ACTION_POINT_ASSIGNED)
    with django_capture_on_commit_callbacks(execute=True):
        minutes_circulate(minutes=minutes)
    [assigned] = _items(ACTION_POINT_ASSIGNED)
    assert assigned.recipient == world.partner_a
    assert (
        "Share the cold-chain plan"
        in OutboxMessage.objects.get(purpose=f"notification.{ACTION_POINT_ASSIGNED}").body_text
    )
    # Given to the EU Delegation afterwards: its focal point hears of it.
    with django_capture_on_commit_callbacks(execute=True):
        action_point_update(
            action_point=point,
            description_en=point.description_en,
            description_ar=point.description_ar,
            owner_organization=world.org_b,
            due_date=point.due_date,
        )
    assert {n.recipient for n in _items(ACTION_POINT_ASSIGNED)} == {
        world.partner_a,
        world.partner_b,
    }


def test_a_reviewed_tor_waits_for_the_chair(world, django_capture_on_commit_callbacks):
    version = make_tor(world)
    with django_capture_on_commit_callbacks(execute=True):
        tor_review(version=version, by=world.secretariat_x)
    [item] = _items(TOR_TO_ENDORSE)
    assert item.recipient == world.chair
    assert item.url == version.get_absolute_url()


def test_the_reviewed_generic_tor_waits_for_the_administrator(
    world, django_capture_on_commit_callbacks
):
    version = make_tor(world, swg=False)
    with django_capture_on_commit_callbacks(execute=True):
        tor_review(version=version, by=world.secretariat_x)
    assert {n.recipient for n in _items(GENERIC_TOR_TO_ENDORSE)} == {world.admin}


def test_an_inactive_chair_is_not_told(world, django_capture_on_commit_callbacks):
    UserFactory(email="former@example.org", is_active=False)
    world.chair.is_active = False
    world.chair.save()
    with django_capture_on_commit_callbacks(execute=True):
        minutes_submit(minutes=draft_minutes(world), by=world.secretariat_x)
    assert not _items(MINUTES_SUBMITTED)
