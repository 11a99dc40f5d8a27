"""The "Sent messages" page (swg/views/outbox.py): what the outbox scope lets a
user see, filters, failure reasons, and sending a failed message again."""

import copy
import datetime as dt
from pathlib import Path

import pytest
from django.core import mail
from django.utils.translation import get_language_info

import tests
from coordination import outbox
from coordination.models import OutboxMessage

TEMPLATES_DIR = Path(tests.__file__).parent / "templates"


Status = OutboxMessage.Status


@pytest.fixture(autouse=True)
def _test_email_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_DIR]
    settings.TEMPLATES = templates


def _enqueue(**overrides):
    fields = {
        "purpose": "test",
        "object_key": "meeting:1",
        "recipient_email": "amina@who.example",
        "recipient_name": "Amina Haddad",
        "template": "outbox_test",
        "context": {"title": "Health SWG"},
    }
    return outbox.outbox_enqueue(**{**fields, **overrides})


def _message(**overrides) -> OutboxMessage:
    return _enqueue(**overrides)[0]


def _health_and_education_messages(world):
    health = _message(swg=world.swg_x, recipient_email="amina@who.example")
    education = _message(swg=world.swg_y, recipient_email="marco@eud.example")
    return health, education


def test_it_shows_the_secretariat_its_swgs_messages(client, world):
    health, education = _health_and_education_messages(world)
    client.force_login(world.secretariat_x)

    response = client.get("/outbox/")

    assert response.status_code == 200
    assert list(response.context["page"]) == [health]
    assert b"amina@who.example" in response.content
    assert b"marco@eud.example" not in response.content


def test_it_shows_the_coordination_team_every_message(client, world):
    _health_and_education_messages(world)
    global_message = _message(recipient_email="all@example.org")  # no SWG
    client.force_login(world.coordination)

    response = client.get("/outbox/")

    assert len(response.context["page"]) == 3
    assert global_message in response.context["page"]


@pytest.mark.parametrize(
    "who, status",
    [
        ("partner_a", 403),
        ("partner_b", 403),
        ("secretariat_x", 200),
        ("chair", 200),
        ("coordination", 200),
        ("admin", 200),
    ],
)
def test_it_lets_only_the_ministry_and_coordination_in(client, world, who, status):
    client.force_login(world.users()[who])

    assert client.get("/outbox/").status_code == status


def test_it_asks_an_anonymous_visitor_to_log_in(client, db):
    response = client.get("/outbox/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/")


def test_it_filters_by_status_purpose_and_recipient(client, world):
    health, education = _health_and_education_messages(world)
    # The purpose filter offers the purposes the apps registered.
    from swg.services.schedule import PURPOSE as SCHEDULE

    reminder = _message(purpose=SCHEDULE, swg=world.swg_x, recipient_email="z@who.example")
    OutboxMessage.objects.filter(pk=health.pk).update(status=Status.FAILED, last_error="451 x")
    client.force_login(world.coordination)

    def shown(query):
        return {m.pk for m in client.get(f"/outbox/?{query}").context["page"]}

    assert shown("status=failed") == {health.pk}
    assert shown(f"purpose={SCHEDULE}") == {reminder.pk}
    assert shown(f"swg={world.swg_y.pk}") == {education.pk}
    assert shown("q=EUD.example") == {education.pk}


def test_it_shows_the_failure_reason_and_times_in_tripoli(client, world):
    message = _message(swg=world.swg_x)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.FAILED,
        attempts=2,
        last_error="451 4.3.0 Mailbox busy",
        created_at=dt.datetime(2025, 1, 5, 10, 0, tzinfo=dt.UTC),
    )
    client.force_login(world.secretariat_x)

    content = client.get("/outbox/").content.decode()

    assert "451 4.3.0 Mailbox busy" in content
    assert "2025-01-05 12:00" in content  # Africa/Tripoli is UTC+2
    assert 'name="retry"' in content


def test_it_shows_the_page_in_arabic(client, world):
    _message(swg=world.swg_x)
    client.force_login(world.chair)  # prefers Arabic

    response = client.get("/outbox/", HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_it_sends_a_failed_message_again(client, world, django_capture_on_commit_callbacks):
    message = _message(swg=world.swg_x)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=Status.FAILED, attempts=outbox.MAX_ATTEMPTS, last_error="451 busy"
    )
    client.force_login(world.secretariat_x)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/outbox/?status=failed", {"retry": message.pk})

    assert response.status_code == 302 and response["Location"] == "/outbox/?status=failed"
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, outbox.MAX_ATTEMPTS + 1)
    assert len(mail.outbox) == 1


def test_it_does_not_resend_a_message_that_did_not_fail(client, world):
    message = _message(swg=world.swg_x)
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.SENT)
    client.force_login(world.secretariat_x)

    response = client.post("/outbox/", {"retry": message.pk}, follow=True)

    assert "Only a failed message can be sent again." in response.content.decode()
    assert OutboxMessage.objects.get(pk=message.pk).status == Status.SENT


def test_it_hides_another_swgs_message_from_a_retry(client, world):
    message = _message(swg=world.swg_x)
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.FAILED)
    client.force_login(world.secretariat_y)

    assert client.post("/outbox/", {"retry": message.pk}).status_code == 404
    assert client.post("/outbox/", {"retry": "x"}).status_code == 404
    assert OutboxMessage.objects.get(pk=message.pk).status == Status.FAILED


def test_it_refuses_a_retry_to_a_partner(client, world):
    message = _message(swg=world.swg_x)
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.FAILED)
    client.force_login(world.partner_a)

    assert client.post("/outbox/", {"retry": message.pk}).status_code == 403


@pytest.mark.parametrize("who", ["secretariat_x", "coordination"])
def test_it_runs_a_fixed_number_of_queries(client, world, who, django_assert_max_num_queries):
    for n in range(50):
        _message(
            swg=world.swg_x if n % 2 else world.swg_y,
            recipient_email=f"person{n}@example.org",
            purpose=f"purpose-{n % 3}",
        )
    client.force_login(world.users()[who])

    with django_assert_max_num_queries(8):  # 6 measured on SQLite, plus two
        response = client.get("/outbox/?page=2")

    assert response.status_code == 200


def test_it_shows_what_each_message_was_for_not_its_code(client, world):
    _message(purpose="minutes.circulated", swg=world.swg_x)
    _message(purpose="password_reset", recipient_email="z@who.example")
    client.force_login(world.coordination)

    html = client.get("/outbox/").content.decode()

    assert "Minutes circulated" in html and "Password reset" in html
    assert "minutes.circulated</" not in html and "password_reset</" not in html
    options = client.get("/outbox/").context["filter"].form.fields["purpose"].choices
    assert ("minutes.circulated", "Minutes circulated") in options


def test_it_counts_messages_up_to_a_bound_and_says_more_than(client, world, monkeypatch):
    # The outbox holds every message ever sent: the page counts no further than
    # a bound (coordination/web.py BoundedPaginator) and says so.
    from swg.views import outbox as outbox_views

    monkeypatch.setattr(outbox_views, "OUTBOX_COUNT_BOUND", 2)
    for n in range(4):
        _message(swg=world.swg_x, recipient_email=f"member{n}@who.example")
    client.force_login(world.coordination)

    response = client.get("/outbox/")

    assert response.status_code == 200
    assert b"More than 2 messages" in response.content
    assert b"4 messages" not in response.content


def test_it_counts_every_message_under_the_bound(client, world):
    for n in range(3):
        _message(swg=world.swg_x, recipient_email=f"member{n}@who.example")
    client.force_login(world.coordination)

    response = client.get("/outbox/")

    assert b"3 messages" in response.content
    assert b"More than" not in response.content


def test_each_row_shows_its_language_and_attempts(client, world):
    english = _message(swg=world.swg_x, language="en")
    arabic = _message(swg=world.swg_x, language="ar", recipient_email="salma@moh.example")
    OutboxMessage.objects.filter(pk=english.pk).update(attempts=1)
    OutboxMessage.objects.filter(pk=arabic.pk).update(attempts=3)
    client.force_login(world.secretariat_x)

    content = client.get("/outbox/").content.decode()

    assert '<div class="small text-muted" lang="en">English</div>' in content
    arabic_name = get_language_info("ar")["name_local"]
    assert f'<div class="small text-muted" lang="ar">{arabic_name}</div>' in content
    assert ">1 attempt<" in content and ">3 attempts<" in content


def test_the_retry_form_keeps_the_filters(client, world):
    message = _message(swg=world.swg_x)
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.FAILED, last_error="451 x")
    client.force_login(world.secretariat_x)

    content = client.get("/outbox/?status=failed").content.decode()

    assert 'action="/outbox/?status=failed"' in content
