"""The attendance sheet, walk-ins, the figures on the meeting panel and "mark as
held" from the page (DESIGN §3 "Meeting"; LIBMITAF: participants counted by gender)."""

from swg.models import Attendance, Contact, Meeting
from swg.selectors.attendance import meeting_attendance_figures
from swg.services.attendance import attendance_add_walk_in, attendance_record
from tests.factories import ContactFactory, held_meeting, make_meeting


def _sheet_url(meeting):
    return f"/meetings/{meeting.pk}/attendance/"


def test_it_lists_every_invitee_on_the_sheet(client, world):
    meeting = make_meeting(world, invite=(world.contact_a, world.contact_gov))
    client.force_login(world.secretariat_x)
    response = client.get(_sheet_url(meeting))
    assert response.status_code == 200
    assert "Amina Haddad" in response.text and "Khaled Ben Omar" in response.text


def test_it_saves_the_sheet_and_shows_the_figures(client, world):
    marco = ContactFactory(organization=world.org_b, gender=Contact.Gender.MALE)
    meeting = make_meeting(world, invite=(world.contact_a, world.contact_gov, marco))
    client.force_login(world.secretariat_x)
    response = client.post(
        _sheet_url(meeting),
        {
            f"status_{world.contact_a.pk}": "present",
            f"status_{world.contact_gov.pk}": "present",
            f"status_{marco.pk}": "excused",
        },
        follow=True,
    )
    assert "Attendance saved." in response.text
    figures = meeting_attendance_figures(meeting=meeting)
    assert (figures.present, figures.excused, figures.government_count) == (2, 1, 1)
    assert (figures.women, figures.men) == (1, 1)
    assert [o.acronym for o in figures.organizations] == ["MoH", "WHO"]
    assert 'data-figure="women">1<' in response.text
    assert 'data-figure="men">1<' in response.text


def test_it_shows_the_error_when_adding_an_uninvited_person_without_walk_in(client, world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    client.force_login(world.secretariat_x)
    response = client.post(
        f"/meetings/{meeting.pk}/attendance/add/",
        {"contact": world.contact_b.pk, "status": "present"},
    )
    assert response.status_code == 400
    assert "was not invited to this meeting" in response.text
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_it_adds_a_walk_in(client, world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    client.force_login(world.secretariat_x)
    response = client.post(
        f"/meetings/{meeting.pk}/attendance/add/",
        {"contact": world.contact_b.pk, "status": "present", "is_walk_in": "on"},
        follow=True,
    )
    attendance = Attendance.objects.get(meeting=meeting, contact=world.contact_b)
    assert attendance.is_walk_in and attendance.organization == world.org_b
    assert "walk-in" in response.text
    # A walk-in is not made a member (assessment Annex 1.1).
    assert not world.contact_b.memberships.filter(swg=world.swg_x).exists()


def test_it_keeps_a_walk_in_on_the_sheet(client, world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    attendance_add_walk_in(meeting=meeting, contact=world.contact_b)
    client.force_login(world.secretariat_x)
    response = client.post(_sheet_url(meeting), {f"status_{world.contact_b.pk}": "excused"})
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting, contact=world.contact_b).status == "excused"


def test_it_shows_why_marking_held_is_refused(client, world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    client.force_login(world.secretariat_x)
    response = client.post(f"/meetings/{meeting.pk}/held/", follow=True)
    assert "Record the attendance before marking the meeting as held." in response.text
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_it_marks_held_from_the_page(client, world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    attendance_record(meeting=meeting, entries=[(world.contact_a, "present")])
    client.force_login(world.secretariat_x)
    response = client.post(f"/meetings/{meeting.pk}/held/")
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_it_offers_mark_as_held_on_the_sheet(client, world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    client.force_login(world.secretariat_x)
    response = client.get(_sheet_url(meeting))
    assert f'action="/meetings/{meeting.pk}/held/"' in response.text


def test_it_shows_the_figures_on_the_meeting_panel(client, world):
    meeting = held_meeting(world)
    client.force_login(world.partner_a)
    response = client.get(f"/meetings/{meeting.pk}/panel/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-figure="government">Yes (1 person)' in response.text
    assert 'data-figure="women">1<' in response.text and 'data-figure="men">1<' in response.text


def test_it_refuses_the_sheet_to_a_partner(client, world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    client.force_login(world.partner_a)
    assert client.get(_sheet_url(meeting)).status_code == 403
    client.force_login(world.partner_b)
    assert client.get(_sheet_url(meeting)).status_code == 404


def test_it_refuses_the_sheet_to_another_groups_secretariat(client, world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    client.force_login(world.secretariat_y)
    assert client.get(_sheet_url(meeting)).status_code == 403
    response = client.post(_sheet_url(meeting), {f"status_{world.contact_a.pk}": "present"})
    assert response.status_code == 403
    assert not Attendance.objects.exists()
