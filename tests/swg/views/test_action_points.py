"""Action points: carried from meeting to meeting until closed, listed per SWG
and per organization, moved on by the owner organization (DESIGN §3
"Meeting", §4 "are decisions followed")."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from swg.models import ActionPoint
from swg.services.action_points import action_point_add, action_point_set_status
from tests.factories import (
    ActionPointFactory,
    ContactFactory,
    draft_minutes,
    held_meeting,
    make_meeting,
)

TODAY = timezone.localdate()


def point(world, meeting, *, owner=None, days=14, status="open", description="Share the data"):
    return ActionPointFactory(
        source_meeting=meeting,
        description=description,
        owner_organization=owner or world.org_a,
        due_in_days=days,
        status=status,
    )


def _panel(client, meeting):
    return client.get(f"/meetings/{meeting.pk}/panel/", HTTP_HX_REQUEST="true").text


def test_it_carries_open_points_to_the_next_meetings(client, world):
    first = held_meeting(world, days_ago=60)
    point(world, first, description="Map the clinics")
    point(world, first, description="Send the survey", status="done")
    second = make_meeting(world, days_ago=30)
    third = make_meeting(world, days_ago=-5)
    client.force_login(world.partner_a)
    for later in (second, third):
        text = _panel(client, later)
        assert "Map the clinics" in text and "carried over" in text
        assert "Send the survey" not in text
    assert "Map the clinics" not in _panel(client, first).split("Carried over")[1]


def test_it_stops_carrying_a_point_once_done(client, world):
    first = held_meeting(world, days_ago=60)
    ap = point(world, first, description="Map the clinics")
    action_point_set_status(action_point=ap, status="done")
    client.force_login(world.secretariat_x)
    assert "Map the clinics" not in _panel(client, make_meeting(world, days_ago=1))
    ap.refresh_from_db()
    assert ap.closed_on == TODAY


def test_it_highlights_overdue_points(client, world):
    meeting = held_meeting(world, days_ago=30)
    point(world, meeting, description="Late report", days=-3)
    point(world, meeting, description="Future report", days=10)
    point(world, meeting, description="Late but done", days=-3, status="done")
    client.force_login(world.secretariat_x)
    response = client.get(f"/swg/{world.swg_x.slug}/action-points/")
    rows = {
        name: response.text.split(name)[1].split("</tr>")[0]
        for name in ("Late report", "Future report", "Late but done")
    }
    assert 'class="text-nowrap overdue text-danger"' in rows["Late report"]
    assert "overdue" not in rows["Future report"] and "overdue" not in rows["Late but done"]


def test_it_filters_by_status_owner_and_overdue(client, world):
    meeting = held_meeting(world, days_ago=30)
    point(world, meeting, description="Late report", days=-3)
    point(world, meeting, description="EU funding table", owner=world.org_b)
    point(world, meeting, description="Closed item", status="dropped")
    client.force_login(world.secretariat_x)
    url = f"/swg/{world.swg_x.slug}/action-points/"
    assert "Late report" not in client.get(url, {"owner": world.org_b.pk}).text
    overdue = client.get(url, {"overdue": "true"}).text
    assert "Late report" in overdue and "EU funding table" not in overdue
    assert "Closed item" not in client.get(url, {"status": "current"}).text
    assert "Closed item" in client.get(url, {"status": "dropped"}).text


def test_it_lists_an_organizations_points(client, world):
    meeting = held_meeting(world, days_ago=30)
    point(world, meeting, description="WHO item")
    point(world, meeting, description="EU item", owner=world.org_b)
    client.force_login(world.partner_a)
    response = client.get(f"/organizations/{world.org_a.pk}/action-points/")
    assert "WHO item" in response.text and "EU item" not in response.text


def test_it_lets_a_partner_update_their_own_point(client, world):
    ap = point(world, held_meeting(world))
    client.force_login(world.partner_a)
    response = client.post(f"/action-points/{ap.pk}/status/", {"status": "in_progress"})
    assert response.status_code == 302
    ap.refresh_from_db()
    assert ap.status == "in_progress"


def test_it_refuses_a_partner_another_organizations_point(client, world):
    ap = point(world, held_meeting(world), owner=world.org_b)
    client.force_login(world.partner_a)
    response = client.post(f"/action-points/{ap.pk}/status/", {"status": "done"})
    assert response.status_code == 403
    ap.refresh_from_db()
    assert ap.status == "open"


def test_it_hides_points_of_other_groups(client, world):
    ap = point(world, held_meeting(world), owner=world.org_b)
    client.force_login(world.partner_b)
    assert client.post(f"/action-points/{ap.pk}/status/", {"status": "done"}).status_code == 404
    assert client.get(f"/swg/{world.swg_x.slug}/action-points/").status_code == 404


def test_it_hides_a_drafts_points_from_partners(client, world):
    minutes = draft_minutes(world)
    ap = action_point_add(
        minutes=minutes,
        minutes_item=minutes.items.get(),
        description_en="Draft-only action",
        owner_organization=world.org_a,
        due_date=TODAY,
    )
    client.force_login(world.partner_a)
    assert "Draft-only action" not in client.get(f"/swg/{world.swg_x.slug}/action-points/").text
    assert client.post(f"/action-points/{ap.pk}/status/", {"status": "done"}).status_code == 404
    client.force_login(world.secretariat_x)
    assert "Draft-only action" in client.get(f"/swg/{world.swg_x.slug}/action-points/").text


def test_it_adds_a_point_to_draft_minutes(client, world):
    minutes = draft_minutes(world)
    item = minutes.items.get()
    client.force_login(world.secretariat_x)
    response = client.post(
        f"/meetings/{minutes.meeting_id}/minutes/{minutes.pk}/action-points/add/",
        {
            "minutes_item": item.pk,
            "description_en": "Share the cold-chain data",
            "owner_organization": world.org_a.pk,
            "owner_contact": world.contact_a.pk,
            "due_date": (TODAY + dt.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    ap = ActionPoint.objects.get()
    assert (ap.swg, ap.source_meeting, ap.minutes_item) == (world.swg_x, minutes.meeting, item)


def test_it_lets_the_secretariat_edit_a_point(client, world):
    ap = point(world, held_meeting(world))
    client.force_login(world.secretariat_x)
    response = client.post(
        f"/action-points/{ap.pk}/edit/",
        {
            "description_en": "Share the data by district",
            "owner_organization": world.org_b.pk,
            "owner_contact": world.contact_b.pk,
            "due_date": TODAY.isoformat(),
            "status": "in_progress",
        },
    )
    assert response.status_code == 302
    ap.refresh_from_db()
    assert (ap.owner_organization, ap.owner_contact, ap.status) == (
        world.org_b,
        world.contact_b,
        "in_progress",
    )


def test_it_refuses_the_edit_page_to_a_partner(client, world):
    ap = point(world, held_meeting(world))
    client.force_login(world.partner_a)
    assert client.get(f"/action-points/{ap.pk}/edit/").status_code == 403


@pytest.mark.parametrize(
    ("who", "url", "budget"),
    [
        ("secretariat_x", "/swg/health/action-points/", 7),
        ("partner_a", "/swg/health/action-points/", 7),
        ("partner_a", "/organizations/{org}/action-points/", 7),
        ("coordination", "/organizations/{org}/action-points/", 6),
    ],
)
def test_it_lists_points_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries, who, url, budget
):
    meeting = held_meeting(world, days_ago=30)
    for n in range(20):
        owner = ContactFactory(organization=world.org_a)
        ap = point(world, meeting, description=f"Item {n}", days=n - 10)
        ap.owner_contact = owner
        ap.save()
    client.force_login(getattr(world, who))
    with django_assert_max_num_queries(budget):
        response = client.get(url.format(org=world.org_a.pk))
    assert response.status_code == 200
    assert "Item 19" in response.text


def test_it_shows_the_meeting_panel_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    earlier = held_meeting(world, days_ago=60)
    meeting = held_meeting(world, days_ago=7)
    for n in range(15):
        point(world, earlier, description=f"Carried {n}", days=n + 1)
        point(world, meeting, description=f"Agreed {n}", owner=world.org_b)
    client.force_login(world.secretariat_x)
    # The points agreed here and those carried over are one query.
    with django_assert_max_num_queries(7):
        text = _panel(client, meeting)
    assert "Agreed 14" in text
    # The ten carried-over points due soonest, and a link to all the open ones.
    assert "Carried 9<" in text and "Carried 10<" not in text
    assert f"/swg/{world.swg_x.slug}/action-points/?status=current" in text


def test_it_renders_the_panel_in_the_meeting_page(client, world):
    meeting = held_meeting(world)
    client.force_login(world.secretariat_x)
    response = client.get(f"/meetings/{meeting.pk}/")
    assert "Attendance sheet" in response.text  # no JavaScript needed
    assert f'hx-get="/meetings/{meeting.pk}/panel/"' not in response.text


def test_it_renders_the_panel_at_once_when_the_page_gives_its_data(rf, world):
    from django.template.loader import render_to_string

    from swg.selectors.minutes import meeting_panel

    meeting = held_meeting(world)
    point(world, meeting, description="Map the clinics")
    request = rf.get("/")
    request.user = world.secretariat_x
    html = render_to_string(
        "swg/minutes/_meeting_panel.html",
        {
            "meeting": meeting,
            "minutes_panel": meeting_panel(meeting=meeting, user=world.secretariat_x),
        },
        request=request,
    )
    assert "Map the clinics" in html and "hx-get" not in html


def test_it_shows_due_dates_in_the_arabic_format_on_the_arabic_page(client, world):
    meeting = held_meeting(world, days_ago=7)
    due = point(world, meeting, days=14).due_date
    client.force_login(world.chair)  # reads Arabic
    html = client.get(f"/swg/{world.swg_x.slug}/action-points/").content.decode()
    with translation.override("ar"):
        arabic_date = date_format(due, "DATE_FORMAT")
    assert f"<bdi>{arabic_date}</bdi>" in html
    assert due.isoformat() not in html
