"""The meeting journey in fewer clicks (DESIGN §3 "Meeting"): the attendance
sheet starts from the answers, "Mark as held" opens the draft minutes, and
approving and circulating show who will receive what before anything moves."""

from django.core import mail

from coordination.models import OutboxMessage
from swg.models import Attendance, Invitation, Meeting, Minutes
from swg.services.attendance import attendance_add_walk_in, attendance_record
from swg.services.meetings import agenda_item_add
from tests.factories import ContactFactory, approved_minutes, make_meeting, submitted_minutes


def _answer(meeting, contact, rsvp):
    Invitation.objects.filter(meeting=meeting, contact=contact).update(rsvp=rsvp)


def _minutes_url(minutes, tail=""):
    return f"/meetings/{minutes.meeting_id}/minutes/{minutes.pk}/{tail}"


# ------------------------------------------------------------ attendance


def test_it_prefills_the_sheet_from_the_answers(client, world):
    meeting = make_meeting(world, invite=(world.contact_a, world.contact_gov, world.contact_b))
    _answer(meeting, world.contact_a, Invitation.Rsvp.ACCEPTED)
    _answer(meeting, world.contact_gov, Invitation.Rsvp.DECLINED)
    client.force_login(world.secretariat_x)
    response = client.get(f"/meetings/{meeting.pk}/attendance/")
    html = response.text
    assert f'data-contact="{world.contact_a.pk}" data-prefilled="present"' in html
    assert f'data-contact="{world.contact_gov.pk}" data-prefilled="absent"' in html
    assert f'data-contact="{world.contact_b.pk}">' in html  # no answer: nothing chosen
    assert f'name="status_{world.contact_a.pk}" value="present"' in html
    assert "Nothing is saved until you save the attendance." in html
    # Pre-filled is not recorded: saving the sheet as shown records it.
    assert not Attendance.objects.filter(meeting=meeting).exists()
    client.post(
        f"/meetings/{meeting.pk}/attendance/",
        {f"status_{world.contact_a.pk}": "present", f"status_{world.contact_gov.pk}": "absent"},
    )
    assert dict(Attendance.objects.filter(meeting=meeting).values_list("contact", "status")) == {
        world.contact_a.pk: "present",
        world.contact_gov.pk: "absent",
    }


def test_it_marks_all_invited_present_then_one_row_changes(client, world):
    meeting = make_meeting(world, invite=(world.contact_a, world.contact_gov))
    walk_in = ContactFactory(organization=world.org_b)
    attendance_add_walk_in(meeting=meeting, contact=walk_in, status="excused")
    client.force_login(world.secretariat_x)
    response = client.post(f"/meetings/{meeting.pk}/attendance/", {"all_present": "1"}, follow=True)
    assert "Every invitee is marked present." in response.text
    statuses = dict(Attendance.objects.filter(meeting=meeting).values_list("contact", "status"))
    assert statuses == {
        world.contact_a.pk: "present",
        world.contact_gov.pk: "present",
        walk_in.pk: "excused",
    }
    client.post(f"/meetings/{meeting.pk}/attendance/", {f"status_{world.contact_gov.pk}": "absent"})
    assert Attendance.objects.get(meeting=meeting, contact=world.contact_gov).status == "absent"


def test_it_still_adds_a_walk_in_after_the_prefill(client, world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    _answer(meeting, world.contact_a, Invitation.Rsvp.ACCEPTED)
    client.force_login(world.secretariat_x)
    client.post(
        f"/meetings/{meeting.pk}/attendance/add/",
        {"contact": world.contact_b.pk, "status": "present", "is_walk_in": "on"},
    )
    assert Attendance.objects.get(meeting=meeting, contact=world.contact_b).is_walk_in


# ------------------------------------------------------------ held → minutes


def test_marking_held_opens_the_draft_minutes_with_the_agenda(client, world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    agenda_item_add(meeting=meeting, title_en="Vaccination campaign")
    agenda_item_add(meeting=meeting, title_en="Any other business")
    attendance_record(meeting=meeting, entries=[(world.contact_a, "present")])
    client.force_login(world.secretariat_x)
    response = client.post(f"/meetings/{meeting.pk}/held/", follow=True)
    minutes = Minutes.objects.get(meeting=meeting)
    assert response.redirect_chain[-1][0] == _minutes_url(minutes, "edit/")
    assert 'value="Vaccination campaign"' in response.text
    assert 'value="Any other business"' in response.text
    assert "The draft minutes follow the agenda." in response.text


def test_marking_an_informal_meeting_held_stays_on_the_meeting(client, world):
    meeting = make_meeting(world, invite=(world.contact_a,), is_formal=False)
    attendance_record(meeting=meeting, entries=[(world.contact_a, "present")])
    client.force_login(world.secretariat_x)
    response = client.post(f"/meetings/{meeting.pk}/held/")
    assert response.url == meeting.get_absolute_url()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert not Minutes.objects.filter(meeting=meeting).exists()


# ------------------------------------------------------------ confirmations


def test_approving_first_shows_who_is_told(client, world):
    minutes = submitted_minutes(world)
    # The test world's chair reads the portal in Arabic; this page is checked in English.
    world.chair.language = "en"
    world.chair.save(update_fields=["language"])
    client.force_login(world.chair)
    response = client.get(_minutes_url(minutes, "approve/"))
    assert response.status_code == 200
    assert str(world.secretariat_x) in response.text
    assert "to 2 recipients" in response.text
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.SUBMITTED
    client.post(_minutes_url(minutes, "approve/"))
    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_by) == (Minutes.Status.APPROVED, world.chair)


def test_circulating_first_lists_the_recipients_and_their_language(client, world):
    minutes = approved_minutes(world)
    client.force_login(world.secretariat_x)
    response = client.get(_minutes_url(minutes, "circulate/"))
    assert response.status_code == 200
    assert "amina@who.example" in response.text and "khaled@moh.example" in response.text
    assert "2 recipients among the members and MoP." in response.text
    assert not OutboxMessage.objects.filter(purpose="minutes.circulated").exists()


def _with_guests(world):
    minutes = approved_minutes(world)
    meeting = minutes.meeting
    guest = ContactFactory(organization=world.org_b, email="guest@eu.example")
    walk_in = ContactFactory(organization=world.org_b, email="walkin@eu.example")
    absent_guest = ContactFactory(organization=world.org_b, email="absent@eu.example")
    Invitation.objects.create(meeting=meeting, contact=guest, is_ad_hoc=True)
    Invitation.objects.create(meeting=meeting, contact=absent_guest, is_ad_hoc=True)
    Attendance.objects.create(
        meeting=meeting, contact=guest, organization=world.org_b, status="present"
    )
    Attendance.objects.create(
        meeting=meeting, contact=absent_guest, organization=world.org_b, status="absent"
    )
    Attendance.objects.create(
        meeting=meeting,
        contact=walk_in,
        organization=world.org_b,
        status="present",
        is_walk_in=True,
    )
    return minutes


def test_circulating_may_include_the_guests_and_walk_ins_who_attended(
    client, world, django_capture_on_commit_callbacks
):
    minutes = _with_guests(world)
    client.force_login(world.secretariat_x)
    page = client.get(_minutes_url(minutes, "circulate/")).text
    assert "Include the guests and walk-ins who attended" in page
    assert "guest@eu.example" in page and "walkin@eu.example" in page
    assert "absent@eu.example" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_minutes_url(minutes, "circulate/"), {"include_attendee_guests": "on"})
    sent = OutboxMessage.objects.filter(purpose="minutes.circulated")
    assert sorted(sent.values_list("recipient_email", flat=True)) == [
        "amina@who.example",
        "guest@eu.example",
        "khaled@moh.example",
        "walkin@eu.example",
    ]
    assert len(mail.outbox) == 4


def test_circulating_without_the_tick_leaves_the_guests_out(client, world):
    minutes = _with_guests(world)
    client.force_login(world.secretariat_x)
    client.post(_minutes_url(minutes, "circulate/"))
    sent = OutboxMessage.objects.filter(purpose="minutes.circulated")
    assert sorted(sent.values_list("recipient_email", flat=True)) == [
        "amina@who.example",
        "khaled@moh.example",
    ]
