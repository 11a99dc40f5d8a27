import datetime as dt

import pytest
import time_machine

from coordination.models import OutboxMessage
from projects_db.services.reminders import (
    ESCALATION,
    OPENING,
    REMINDER,
    quarterly_reminders_send,
    reminder_due,
)
from projects_db.services.updates import update_no_change
from swg.models import FocalPoint
from tests.factories import ContactFactory, make_project

pytestmark = pytest.mark.django_db
DEADLINE = dt.date(2026, 10, 15)


def _send(day: str) -> int:
    return quarterly_reminders_send(today=dt.date.fromisoformat(day))


def _sent(purpose: str) -> set[str]:
    return set(
        OutboxMessage.objects.filter(purpose=purpose).values_list("recipient_email", flat=True)
    )


@pytest.fixture
def projects(world):
    return {
        org: make_project(owner=org, swg=world.swg_x, publish=True)
        for org in (world.org_a, world.org_b)
    }


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        ("2026-10-01", OPENING),
        ("2026-10-09", OPENING),
        ("2026-10-10", REMINDER),
        ("2026-10-15", REMINDER),
        ("2026-10-16", ESCALATION),
    ],
)
def test_the_day_decides_the_kind(day, kind):
    assert reminder_due(today=dt.date.fromisoformat(day), deadline=DEADLINE) == kind


def test_the_days_before_are_a_setting(settings):
    settings.QUARTERLY_REMINDER_DAYS_BEFORE = 10
    assert reminder_due(today=dt.date(2026, 10, 5), deadline=DEADLINE) == REMINDER


def test_the_opening_goes_to_each_partner_once(projects, world):
    assert _send("2026-10-01") == 2
    assert _send("2026-10-02") == 0
    assert _sent(OPENING) == {world.partner_a.email, world.partner_b.email}


def test_only_partners_that_have_not_submitted_are_reminded(projects, world):
    with time_machine.travel(dt.datetime(2026, 10, 3, 9, tzinfo=dt.UTC), tick=False):
        update_no_change(project=projects[world.org_a], year=2026, quarter=3, by=world.partner_a)
    _send("2026-10-11")
    assert _sent(REMINDER) == {world.partner_b.email}


def test_the_escalation_reaches_the_head_and_copies_the_secretariat(projects, world):
    head = ContactFactory(organization=world.org_b, email="head@eu.example", name_en="Head")
    FocalPoint.objects.create(
        organization=world.org_b, contact=head, purpose=FocalPoint.Purpose.GENERAL
    )
    with time_machine.travel(dt.datetime(2026, 10, 3, 9, tzinfo=dt.UTC), tick=False):
        update_no_change(project=projects[world.org_a], year=2026, quarter=3, by=world.partner_a)
    _send("2026-10-16")
    assert _sent(ESCALATION) == {
        world.partner_b.email,
        "head@eu.example",
        world.secretariat_x.email,
    }
    copy = OutboxMessage.objects.get(purpose=ESCALATION, recipient_email=world.secretariat_x.email)
    assert copy.subject.startswith("[Copy]")
    assert "head@eu.example" in copy.body_text


def test_emails_are_in_the_recipients_language(projects, world):
    world.partner_b.language = "ar"
    world.partner_b.save()
    _send("2026-10-01")
    message = OutboxMessage.objects.get(recipient_email=world.partner_b.email)
    assert message.language == "ar"
    assert message.body_text != OutboxMessage.objects.get(
        recipient_email=world.partner_a.email
    ).body_text.replace(world.org_a.name, world.org_b.name)


def test_the_groups_secretariat_sees_the_messages(projects, world):
    _send("2026-10-16")
    copies = OutboxMessage.objects.filter(
        purpose=ESCALATION, recipient_email=world.secretariat_x.email
    )
    assert [c.swg for c in copies] == [world.swg_x, world.swg_x]  # one per partner
    assert OutboxMessage.objects.get(recipient_email=world.partner_a.email).swg == world.swg_x
