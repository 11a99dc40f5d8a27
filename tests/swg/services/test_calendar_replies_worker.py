"""The beat task with a real Celery worker, Redis, PostgreSQL and dovecot: an
Accept pressed in a calendar reaches the invitation (swg.tasks
``calendar_replies_fetch_task``)."""

import pytest

from swg import tasks
from swg.exchange.ical import meeting_uid
from swg.models import Invitation
from swg.services.invitations import invitations_add, invitations_send
from tests.factories import build_world, plan_meeting
from tests.support.imap import itip_reply
from tests.support.workers import Workers, need_worker_services, wait_for

pytestmark = pytest.mark.services


@pytest.fixture
def workers(transactional_db, tmp_path, imap_server):
    broker = need_worker_services()
    from coordination.celery import app

    app.conf.task_always_eager = False  # conftest turns it back on afterwards
    env = {**imap_server.env(), "CALENDAR_REPLIES_ADDRESS": "replies@swg.planning.gov.ly"}
    with Workers(broker=broker, env=env, log_dir=tmp_path, prefix="test-replies") as pool:
        yield pool


def test_a_worker_applies_the_calendar_replies_beat_asks_for(workers, imap_server):
    world = build_world()
    meeting = plan_meeting(world)
    invitations_add(meeting=meeting, contacts=[world.contact_a])
    invitations_send(meeting=meeting)
    imap_server.append(
        itip_reply(uid=meeting_uid(meeting), attendee="amina@who.example", partstat="DECLINED")
    )
    workers.start(concurrency=1)

    workers.dispatch(tasks.calendar_replies_fetch_task)

    invitation = Invitation.objects.get(meeting=meeting)
    wait_for(
        lambda: Invitation.objects.filter(pk=invitation.pk, rsvp="declined").exists(),
        timeout=60,
        what="the reply to be applied",
        workers=workers,
    )
    assert Invitation.objects.get(pk=invitation.pk).rsvp_source == "calendar"
    assert imap_server.unseen() == []
