"""The bell and its page (swg/views/notifications.py): the count of unread
notifications on every page, read once opened, another person's a 404, and the
email preference kept in the user's history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordination.models import Notification, NotificationPreference
from coordination.notifications import notify

pytestmark = pytest.mark.django_db


def _notification(user, n=1, url="/swg/health/", **fields):
    return Notification.objects.create(
        recipient=user,
        kind="minutes.approved",
        object_key=f"minutes:{n}",
        url=url,
        params={"meeting": {"en": "Health SWG meeting", "ar": "اجتماع الصحة"}, "swg": "Health"},
        delivery="off",
        **fields,
    )


def _bell(response) -> str:
    html = response.content.decode()
    start = html.index('data-testid="bell"')
    return html[start : html.index("</a>", start)]


def test_the_bell_counts_the_unread_and_the_page_marks_them_read(client, world):
    for n in range(3):
        _notification(world.secretariat_x, n)
    _notification(world.chair, 9)
    client.force_login(world.secretariat_x)
    assert 'data-testid="bell-count">3<' in _bell(client.get(reverse("swg:list")))
    page = client.get(reverse("swg:notification_list"))
    html = page.content.decode()
    assert "The chair approved the minutes of Health SWG meeting" in html
    assert html.count("list-group-item-info") == 3  # shown as new this once
    assert "bell-count" not in _bell(page)
    assert not Notification.objects.filter(recipient=world.secretariat_x, read_at=None).exists()
    assert Notification.objects.get(recipient=world.chair).read_at is None
    again = client.get(reverse("swg:notification_list")).content.decode()
    assert "list-group-item-info" not in again


def _bell_queries(client, url) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    sql = [q["sql"] for q in queries if "coordination_notification" in q["sql"]]
    return _bell(response), sql


def test_the_bell_costs_no_query_on_a_page(client, world):
    _notification(world.secretariat_x)
    client.force_login(world.secretariat_x)  # signing in counts the bell
    bell, sql = _bell_queries(client, reverse("swg:list"))
    assert 'data-testid="bell-count">1<' in bell
    assert sql == []


def test_a_new_notification_shows_at_once_under_a_counted_bell(client, world):
    _notification(world.secretariat_x)
    client.force_login(world.secretariat_x)
    client.get(reverse("swg:list"))
    notify(
        users=[world.secretariat_x],
        kind="minutes.approved",
        url="/swg/health/",
        context={"meeting": "Health SWG meeting", "swg": "Health"},
        key="minutes:77",
    )
    assert 'data-testid="bell-count">2<' in _bell(client.get(reverse("swg:list")))


def test_reading_them_all_empties_a_counted_bell(client, world):
    for n in range(2):
        _notification(world.secretariat_x, n)
    client.force_login(world.secretariat_x)
    assert 'data-testid="bell-count">2<' in _bell(client.get(reverse("swg:list")))
    client.post(reverse("swg:notification_read_all"))
    assert "bell-count" not in _bell(client.get(reverse("swg:list")))


def test_the_page_speaks_the_readers_language(client, world):
    _notification(world.chair)
    client.force_login(world.chair)  # the chair reads Arabic
    html = client.get(reverse("swg:notification_list")).content
    assert "اجتماع الصحة".encode() in html


def test_opening_one_marks_it_read_and_follows_its_link(client, world):
    mine = _notification(world.partner_a)
    client.force_login(world.partner_a)
    response = client.get(reverse("swg:notification_open", args=[mine.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/swg/health/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_another_persons_notification_is_a_404(client, world):
    theirs = _notification(world.partner_a)
    client.force_login(world.partner_b)
    assert client.get(reverse("swg:notification_open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_link_outside_the_portal_is_not_followed(client, world):
    odd = _notification(world.partner_a, url="//evil.example/")
    client.force_login(world.partner_a)
    assert client.get(reverse("swg:notification_open", args=[odd.pk]))["Location"] == "/"


def test_read_all(client, world):
    _notification(world.partner_a, 1)
    _notification(world.partner_a, 2)
    client.force_login(world.partner_a)
    client.post(reverse("swg:notification_read_all"))
    assert not Notification.objects.filter(read_at=None).exists()


def test_the_email_preference_is_saved_with_its_history(client, world):
    client.force_login(world.partner_a)
    assert client.get(reverse("swg:notification_settings")).status_code == 200
    response = client.post(reverse("swg:notification_settings"), {"notification_email": "digest"})
    assert response.status_code == 302
    world.partner_a.refresh_from_db()
    assert world.partner_a.notification_email == NotificationPreference.DIGEST
    last = world.partner_a.history.first()
    assert last.notification_email == "digest"
    assert last.history_user == world.partner_a
    refused = client.post(reverse("swg:notification_settings"), {"notification_email": "loud"})
    assert refused.status_code == 400
