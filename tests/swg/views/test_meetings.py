"""Planning a meeting, its agenda, postponing it, and the meeting page
(DESIGN §3 "Meeting"; assessment Annex 1.1: the secretariat prepares the
agenda and sets dates)."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from swg.models import ActionPoint, AgendaItem, Meeting
from swg.services.action_points import action_point_add
from swg.services.invitations import invitations_add
from swg.services.meetings import agenda_item_add
from swg.services.minutes import minutes_approve, minutes_submit
from tests.factories import ActionPointFactory, draft_minutes, held_meeting, plan_meeting
from tests.support.pdfs import pdf_text, words


def _form(**overrides):
    data = {
        "title_en": "Health SWG monthly meeting",
        "title_ar": "",
        "kind": "swg",
        "is_formal": "on",
        "starts_at": "2030-03-10T10:00",
        "ends_at": "2030-03-10T12:00",
        "city": "tripoli",
        "city_other": "",
        "venue_en": "Ministry of Planning",
        "online_url": "",
    }
    return {**data, **overrides}


def test_it_plans_a_meeting_in_tripoli_time(client, world):
    client.force_login(world.secretariat_x)
    response = client.post("/swg/health/meetings/new/", _form())
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.starts_at == dt.datetime(2030, 3, 10, 8, 0, tzinfo=dt.UTC)
    assert meeting.status == Meeting.Status.PLANNED and meeting.created_by == world.secretariat_x
    html = client.get(response["Location"]).content.decode()
    assert "Health SWG monthly meeting" in html and "10:00–12:00" in html


def test_it_refuses_a_meeting_that_ends_before_it_starts(client, world):
    client.force_login(world.secretariat_x)
    response = client.post("/swg/health/meetings/new/", _form(ends_at="2030-03-10T09:00"))
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"] == ["The meeting must end after it starts."]
    assert "The meeting must end after it starts." in response.content.decode()
    assert not Meeting.objects.exists()


def test_it_asks_for_the_name_of_another_city(client, world):
    client.force_login(world.secretariat_x)
    response = client.post("/swg/health/meetings/new/", _form(city="other"))
    assert response.context["form"].errors["city_other"] == ["Name the city."]
    assert not Meeting.objects.exists()


def test_it_plans_an_online_meeting_with_its_link(client, world):
    client.force_login(world.secretariat_x)
    client.post(
        "/swg/health/meetings/new/",
        _form(city="online", venue_en="", online_url="https://meet.example.org/health"),
    )
    meeting = Meeting.objects.get()
    assert (meeting.city, meeting.online_url) == ("online", "https://meet.example.org/health")


def test_it_plans_an_informal_meeting_in_tunis(client, world):
    client.force_login(world.secretariat_x)
    data = _form(city="tunis", kind="bilateral")
    del data["is_formal"]
    client.post("/swg/health/meetings/new/", data)
    meeting = Meeting.objects.get()
    assert (meeting.is_formal, meeting.city, meeting.kind) == (False, "tunis", "bilateral")
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Informal" in html and "Tunis" in html


def test_it_lets_a_partner_member_see_but_not_plan(client, world):
    meeting = plan_meeting(world)
    client.force_login(world.partner_a)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.get("/swg/health/meetings/new/").status_code == 403
    assert client.get(f"/meetings/{meeting.pk}/edit/").status_code == 403


def test_it_hides_a_health_meeting_from_a_partner_outside_health(client, world):
    meeting = plan_meeting(world)
    client.force_login(world.partner_b)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/agenda/").status_code == 404


def test_it_shows_the_secretariat_its_actions(client, world):
    meeting = plan_meeting(world)
    client.force_login(world.secretariat_x)
    html = client.get(meeting.get_absolute_url()).content.decode()
    for action in ("Edit", "Agenda", "Invitations", "Send invitations", "Postpone", "Cancel"):
        assert action in html
    client.force_login(world.partner_a)
    assert (
        'data-testid="meeting-actions"'
        not in client.get(meeting.get_absolute_url()).content.decode()
    )


def test_it_lists_the_meetings_on_the_swg_page(client, world):
    soon = plan_meeting(world, title_en="Vaccination planning")
    past = plan_meeting(
        world, title_en="Last quarter review", starts_at=timezone.now() - dt.timedelta(days=30)
    )
    client.force_login(world.partner_a)
    response = client.get("/swg/health/")
    assert [m.pk for m in response.context["meetings"]["upcoming"]] == [soon.pk]
    assert [m.pk for m in response.context["meetings"]["recent"]] == [past.pk]
    html = response.content.decode()
    assert "Vaccination planning" in html and "Plan a meeting" not in html
    client.force_login(world.secretariat_x)
    assert "Plan a meeting" in client.get("/swg/health/").content.decode()


def test_it_keeps_the_history_of_changes(client, world):
    meeting = plan_meeting(world)
    client.force_login(world.secretariat_x)
    client.post(
        f"/meetings/{meeting.pk}/edit/",
        _form(
            title_en="Health SWG — extraordinary meeting",
            starts_at=timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
            ends_at=timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Health SWG — extraordinary meeting" in html
    assert meeting.history.count() == 2 and "Change history" in html


def test_it_refuses_an_edit_that_ends_before_it_starts(client, world):
    meeting = plan_meeting(world)
    client.force_login(world.secretariat_x)
    response = client.post(
        f"/meetings/{meeting.pk}/edit/",
        _form(starts_at="2030-03-10T10:00", ends_at="2030-03-10T10:00"),
    )
    assert "ends_at" in response.context["form"].errors
    assert Meeting.objects.get().starts_at == meeting.starts_at


def _agenda(meeting):
    return list(meeting.agenda_items.order_by("order").values_list("title_en", flat=True))


def test_it_adds_agenda_items_with_presenter_and_document(client, world):
    meeting = plan_meeting(world)
    client.force_login(world.secretariat_x)
    url = f"/meetings/{meeting.pk}/agenda/"
    client.post(url, {"form": "item", "title_en": "Welcome", "presenter": world.contact_gov.pk})
    client.post(
        url,
        {"form": "item", "title_en": "Vaccine stock", "document_url": "https://docs.example/vx"},
    )
    assert _agenda(meeting) == ["Welcome", "Vaccine stock"]
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "Khaled Ben Omar" in html and "https://docs.example/vx" in html


def test_it_refuses_an_item_without_a_title(client, world):
    meeting = plan_meeting(world)
    client.force_login(world.secretariat_x)
    response = client.post(f"/meetings/{meeting.pk}/agenda/", {"form": "item", "title_en": ""})
    assert response.context["item_form"].errors["title_en"]
    assert not AgendaItem.objects.exists()


def test_it_moves_agenda_items_up_and_down(client, world):
    meeting = plan_meeting(world)
    for title in ("Welcome", "Vaccine stock", "Any other business"):
        agenda_item_add(meeting=meeting, title_en=title)
    last = meeting.agenda_items.get(title_en="Any other business")
    client.force_login(world.secretariat_x)
    client.post(f"/meetings/{meeting.pk}/agenda/{last.pk}/move/", {"direction": "up"})
    assert _agenda(meeting) == ["Welcome", "Any other business", "Vaccine stock"]
    first = meeting.agenda_items.get(title_en="Welcome")
    client.post(f"/meetings/{meeting.pk}/agenda/{first.pk}/move/", {"direction": "down"})
    assert _agenda(meeting) == ["Any other business", "Welcome", "Vaccine stock"]


def test_it_removes_an_item_and_closes_the_gap(client, world):
    meeting = plan_meeting(world)
    items = [agenda_item_add(meeting=meeting, title_en=t) for t in "ABC"]
    client.force_login(world.secretariat_x)
    client.post(f"/meetings/{meeting.pk}/agenda/{items[0].pk}/delete/")
    assert list(meeting.agenda_items.values_list("title_en", "order")) == [("B", 1), ("C", 2)]


def _action_point(world, description, status=ActionPoint.Status.OPEN, swg=None):
    return ActionPointFactory(
        swg=swg or world.swg_x,
        description=description,
        owner_organization=world.org_a,
        owner_contact=world.contact_a,
        due_in_days=0,
        status=status,
    )


def test_it_offers_the_open_action_points_for_the_agenda(client, world):
    meeting = plan_meeting(world)
    open_point = _action_point(world, "Share the cold-chain assessment")
    _action_point(world, "Draft the TOR", status=ActionPoint.Status.IN_PROGRESS)
    _action_point(world, "Circulate the map", status=ActionPoint.Status.DONE)
    _action_point(world, "Education census", swg=world.swg_y)
    client.force_login(world.secretariat_x)
    html = client.get(f"/meetings/{meeting.pk}/agenda/").content.decode()
    assert "Share the cold-chain assessment" in html and "Draft the TOR" in html
    assert "Circulate the map" not in html and "Education census" not in html

    client.post(
        f"/meetings/{meeting.pk}/agenda/", {"form": "follow_up", "action_points": [open_point.pk]}
    )
    item = meeting.agenda_items.get()
    assert item.title_en == "Follow-up: Share the cold-chain assessment"
    assert (item.action_point, item.presenter) == (open_point, world.contact_a)
    html = client.get(f"/meetings/{meeting.pk}/agenda/").content.decode()
    assert html.count("Share the cold-chain assessment") == 1  # on the agenda, no longer offered


def test_it_offers_the_follow_ups_due_soonest_and_links_to_the_rest(client, world):
    from swg.forms.meetings import FOLLOW_UPS_SHOWN

    meeting = plan_meeting(world)
    points = [_action_point(world, f"Point {n:02}") for n in range(FOLLOW_UPS_SHOWN + 5)]
    client.force_login(world.secretariat_x)
    html = client.get(f"/meetings/{meeting.pk}/agenda/").text
    assert html.count('name="action_points"') == FOLLOW_UPS_SHOWN
    assert f"/swg/{world.swg_x.slug}/action-points/?status=current" in html
    last = points[-1]
    assert last.description not in html
    client.post(
        f"/meetings/{meeting.pk}/agenda/", {"form": "follow_up", "action_points": [last.pk]}
    )
    assert meeting.agenda_items.get().action_point == last  # not shown, still accepted


def test_the_agenda_page_runs_as_many_queries_with_more_action_points(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    meeting = plan_meeting(world)
    client.force_login(world.secretariat_x)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/meetings/{meeting.pk}/agenda/").status_code == 200
        return len(queries)

    _action_point(world, "First point")
    before = count()
    for n in range(40):
        _action_point(world, f"Point {n}")
    assert count() == before


def test_it_offers_follow_ups_with_isolated_names_and_an_arabic_date(client, world):
    # "(-2026-04 … 10)": an ISO date and an English text inside an Arabic label.
    meeting = plan_meeting(world)
    point = _action_point(world, "Share the cold-chain assessment")
    world.secretariat_x.language = "ar"
    world.secretariat_x.save()
    client.force_login(world.secretariat_x)
    html = client.get(f"/meetings/{meeting.pk}/agenda/").content.decode()
    with translation.override("ar"):
        due, who = date_format(point.due_date, "DATE_FORMAT"), str(world.org_a)
    assert who.startswith("منظمة")  # Arabic: not isolated in an Arabic label
    assert f"\u2068Share the cold-chain assessment\u2069 — {who} ({due})" in html
    assert point.due_date.isoformat() not in html


def test_it_postpones_to_a_new_meeting_with_the_same_agenda(client, world):
    meeting = plan_meeting(world)
    agenda_item_add(meeting=meeting, title_en="Vaccine stock")
    client.force_login(world.secretariat_x)
    response = client.post(
        f"/meetings/{meeting.pk}/postpone/",
        {"starts_at": "2030-04-14T11:00", "ends_at": "2030-04-14T13:00", "reason": "Eid holiday"},
    )
    meeting.refresh_from_db()
    new = meeting.postponed_to
    assert response["Location"] == f"/meetings/{new.pk}/"
    assert (meeting.status, meeting.status_reason) == (Meeting.Status.POSTPONED, "Eid holiday")
    assert new.status == Meeting.Status.PLANNED and new.uid != meeting.uid
    assert new.starts_at == dt.datetime(2030, 4, 14, 9, 0, tzinfo=dt.UTC)
    assert _agenda(new) == ["Vaccine stock"]
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "This meeting was postponed." in html and f"/meetings/{new.pk}/" in html


def test_it_cancels_a_meeting_once(client, world):
    meeting = plan_meeting(world)
    client.force_login(world.secretariat_x)
    client.post(f"/meetings/{meeting.pk}/cancel/", {"reason": "Security situation"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    response = client.post(f"/meetings/{meeting.pk}/cancel/", {"reason": "again"})
    assert "Only a planned meeting can be cancelled." in response.content.decode()
    assert Meeting.objects.get().status_reason == "Security situation"


@pytest.mark.parametrize("role", ["secretariat_x", "partner_a"])
def test_it_shows_the_meeting_page_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries, role
):
    meeting = plan_meeting(world)
    for n in range(8):
        agenda_item_add(meeting=meeting, title_en=f"Item {n}", presenter=world.contact_a)
    invitations_add(meeting=meeting, contacts=[world.contact_a, world.contact_gov, world.contact_b])
    client.force_login(getattr(world, role))
    with django_assert_max_num_queries(11):
        assert client.get(meeting.get_absolute_url()).status_code == 200


def test_the_secretariat_downloads_the_sign_in_sheet_in_arabic(client, world):
    meeting = held_meeting(world)
    client.force_login(world.secretariat_x)
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert f"/meetings/{meeting.pk}/participants.pdf?language=ar" in page
    response = client.get(f"/meetings/{meeting.pk}/participants.pdf?language=ar")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "participants-" in response["Content-Disposition"]
    assert "-ar.pdf" in response["Content-Disposition"]
    text = words(pdf_text(response.content))
    assert world.swg_x.name_ar in text and "أمينة حداد" in text


def test_the_sign_in_sheet_is_for_who_runs_the_meeting(client, world):
    meeting = held_meeting(world)
    client.force_login(world.partner_a)
    assert "participants.pdf" not in client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert client.get(f"/meetings/{meeting.pk}/participants.pdf").status_code == 403
    client.force_login(world.partner_b)
    assert client.get(f"/meetings/{meeting.pk}/participants.pdf").status_code == 404


def test_it_offers_no_action_point_of_minutes_not_yet_circulated(client, world):
    minutes = draft_minutes(world)
    action_point_add(
        minutes=minutes,
        minutes_item=minutes.items.get(),
        description_en="Not yet agreed in public",
        owner_organization=world.org_a,
        due_date=timezone.localdate(),
    )
    minutes_approve(minutes=minutes_submit(minutes=minutes), by=world.chair)
    meeting = plan_meeting(world)
    client.force_login(world.secretariat_x)
    html = client.get(f"/meetings/{meeting.pk}/agenda/").content.decode()
    assert "Not yet agreed in public" not in html
