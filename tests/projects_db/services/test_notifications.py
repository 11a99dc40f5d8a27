"""A returned quarterly update goes back to its partner, once
(projects_db/services/notifications.py)."""

import datetime as dt

import pytest
import time_machine

from coordination.models import Notification, OutboxMessage
from projects_db.services.notifications import UPDATE_RETURNED
from projects_db.services.updates import update_return, update_save_draft, update_submit
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _october_2026():
    with time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC), tick=False):
        yield


def test_a_returned_update_goes_to_the_partner(world, django_capture_on_commit_callbacks):
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    update = update_save_draft(
        project=project, year=2026, quarter=3, by=world.partner_a, narrative="Two clinics."
    )
    update = update_submit(update=update, by=world.partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        update_return(update=update, by=world.secretariat_x, comment="Add the figures.")
    [item] = Notification.objects.filter(kind=UPDATE_RETURNED)
    assert item.recipient == world.partner_a
    assert item.url.endswith(f"{project.pk}/updates/2026/3/")
    message = OutboxMessage.objects.get(purpose=f"notification.{UPDATE_RETURNED}")
    assert message.recipient_email == world.partner_a.email
    assert "Add the figures." in message.body_text
    assert not Notification.objects.exclude(recipient=world.partner_a).exists()
