"""Minutes: drafted by the secretariat, approved or returned by the chair,
circulated to members and MoP, locked once approved and corrected by a new
version (DESIGN §3 "Meeting"; assessment Annex 1.1 and key function f)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from coordination.models import OutboxMessage
from swg.models import AgendaItem, Meeting, Minutes
from swg.services.action_points import action_point_add
from swg.services.minutes import (
    minutes_circulate,
    minutes_start,
)
from tests.factories import (
    approved_minutes,
    draft_minutes,
    held_meeting,
    submitted_minutes,
)
from tests.support.clients import as_chair
from tests.support.pdfs import pdf_text


def _url(minutes, action=""):
    return f"/meetings/{minutes.meeting_id}/minutes/{minutes.pk}/{action}"


def test_it_prefills_the_draft_with_attendance_and_agenda(client, world):
    meeting = held_meeting(world)
    AgendaItem.objects.create(meeting=meeting, order=1, title_en="Vaccination campaign")
    client.force_login(world.secretariat_x)
    response = client.post(f"/meetings/{meeting.pk}/minutes/new/", follow=True)
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.status == Minutes.Status.DRAFT and minutes.version == 1
    assert "Present (2): Amina Haddad (WHO); Khaled Ben Omar (MoH)" in minutes.attendance_text
    assert "Government participants: 1 · Women: 1 · Men: 1" in minutes.attendance_text
    assert [i.title for i in minutes.items.all()] == ["Vaccination campaign"]
    assert "Khaled Ben Omar (MoH)" in response.text


def test_it_offers_no_minutes_for_an_informal_meeting(client, world):
    meeting = held_meeting(world, is_formal=False)
    client.force_login(world.secretariat_x)
    response = client.get(f"/meetings/{meeting.pk}/panel/", HTTP_HX_REQUEST="true")
    assert "no minutes are needed" in response.text
    assert "/minutes/new/" not in response.text
    with pytest.raises(ValidationError):
        minutes_start(meeting=meeting)


def test_it_saves_items_of_a_draft(client, world):
    minutes = draft_minutes(world)
    item = minutes.items.get()
    client.force_login(world.secretariat_x)
    response = client.post(
        _url(minutes, "edit/"),
        {
            "language": "en",
            "attendance_text": minutes.attendance_text,
            "summary": "A productive meeting.",
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "1",
            "items-0-id": item.pk,
            "items-0-order": "1",
            "items-0-title": "Vaccination campaign",
            "items-0-decisions": "Start in March.",
            "items-1-order": "2",
            "items-1-title": "Any other business",
        },
    )
    assert response.status_code == 302
    assert [(i.title, i.decisions) for i in minutes.items.order_by("order")] == [
        ("Vaccination campaign", "Start in March."),
        ("Any other business", ""),
    ]


def test_it_lets_the_chair_approve_submitted_minutes(client, world):
    minutes = submitted_minutes(world)
    as_chair(client, world)
    response = client.post(_url(minutes, "approve/"), follow=True)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.approved_by == world.chair and minutes.approved_at is not None
    assert str(world.chair) in response.text
    assert timezone.localtime(minutes.approved_at).strftime("%H:%M") in response.text


def test_it_lets_the_chair_return_minutes_with_a_comment(client, world):
    minutes = submitted_minutes(world)
    as_chair(client, world)
    client.post(_url(minutes, "return/"), {"comment": "Add the WHO figures."})
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.RETURNED
    client.force_login(world.secretariat_x)
    response = client.get(_url(minutes, "edit/"))
    assert response.status_code == 200
    assert "Add the WHO figures." in response.text


def test_it_refuses_to_approve_a_draft_not_submitted(client, world):
    minutes = draft_minutes(world)
    as_chair(client, world)
    response = client.post(_url(minutes, "approve/"), follow=True)
    assert "Only minutes submitted to the chair can be approved" in response.text
    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_by) == (Minutes.Status.DRAFT, None)


def test_it_lets_only_the_chair_approve(client, world):
    minutes = submitted_minutes(world)
    client.force_login(world.secretariat_x)
    assert client.post(_url(minutes, "approve/")).status_code == 403
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.SUBMITTED


def test_it_hides_draft_minutes_from_a_partner(client, world):
    minutes = draft_minutes(world)
    client.force_login(world.partner_a)
    assert client.get(_url(minutes)).status_code == 403
    client.force_login(world.partner_b)
    assert client.get(_url(minutes)).status_code == 404


def test_it_shows_circulated_minutes_to_a_partner(client, world):
    minutes = approved_minutes(world)
    minutes_circulate(minutes=minutes)
    client.force_login(world.partner_a)
    response = client.get(_url(minutes))
    assert response.status_code == 200
    assert "Vaccination campaign" in response.text


def test_it_circulates_one_message_per_recipient(client, world, django_capture_on_commit_callbacks):
    minutes = approved_minutes(world)
    client.force_login(world.secretariat_x)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(minutes, "circulate/"), follow=True)
    assert "Minutes circulated: 2 messages queued to members and MoP." in response.text
    sent = OutboxMessage.objects.filter(purpose="minutes.circulated")
    assert sorted(sent.values_list("recipient_email", flat=True)) == [
        "amina@who.example",
        "khaled@moh.example",
    ]
    assert set(sent.values_list("object_key", flat=True)) == {f"minutes:{minutes.pk}"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["Amina Haddad <amina@who.example>", "Khaled Ben Omar <khaled@moh.example>"]
    )
    (filename, content, mimetype) = mail.outbox[0].attachments[0]
    assert filename.endswith("-v1-en.pdf") and mimetype == "application/pdf"
    assert "Vaccination campaign" in pdf_text(content)
    assert _url(minutes) in mail.outbox[0].body
    minutes.refresh_from_db()
    minutes.meeting.refresh_from_db()
    assert minutes.status == Minutes.Status.CIRCULATED
    assert minutes.meeting.status == Meeting.Status.CIRCULATED


def test_the_circulation_page_runs_as_many_queries_with_more_people(client, world):
    """Who receives the minutes, and the guests who may be added, are read once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from swg.models import Membership
    from swg.services.attendance import attendance_add_walk_in
    from tests.factories import ContactFactory, OrganizationFactory

    minutes = approved_minutes(world)
    client.force_login(world.secretariat_x)

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_url(minutes, "circulate/"))
        assert response.status_code == 200
        return len(queries), response.text

    before, _html = count()
    for n in range(5):
        organization = OrganizationFactory()
        person = ContactFactory(organization=organization)
        Membership.objects.create(swg=world.swg_x, organization=organization, contact=person)
        guest = ContactFactory(organization=organization, name_en=f"Guest {n}")
        attendance_add_walk_in(meeting=minutes.meeting, contact=guest, status="present")
    after, html = count()
    assert after == before
    assert "Guest 4" in html


def test_it_circulates_only_once(client, world):
    minutes = approved_minutes(world)
    minutes_circulate(minutes=minutes)
    count = OutboxMessage.objects.count()
    client.force_login(world.secretariat_x)
    response = client.post(_url(minutes, "circulate/"), follow=True)
    assert "already circulated" in response.text
    assert OutboxMessage.objects.count() == count


def test_it_locks_approved_minutes(client, world):
    minutes = approved_minutes(world)
    client.force_login(world.secretariat_x)
    response = client.post(
        _url(minutes, "edit/"),
        {"language": "en", "summary": "Rewritten", "items-TOTAL_FORMS": "0"},
        follow=True,
    )
    assert "Approved minutes are locked" in response.text
    minutes.refresh_from_db()
    assert minutes.summary == ""


def test_it_corrects_approved_minutes_in_a_new_version(client, world):
    minutes = approved_minutes(world)
    minutes_circulate(minutes=minutes)
    client.force_login(world.secretariat_x)
    client.post(_url(minutes, "correct/"))
    v2 = Minutes.objects.get(meeting=minutes.meeting, version=2)
    assert v2.supersedes == minutes and v2.status == Minutes.Status.DRAFT
    assert [i.title for i in v2.items.all()] == ["Vaccination campaign"]
    assert v2.attendance_text == minutes.attendance_text
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.CIRCULATED
    response = client.get(_url(minutes))
    assert "A later version (version 2) corrects these minutes." in response.text
    # Partners keep reading the circulated version 1 while version 2 is drafted.
    client.force_login(world.partner_a)
    assert client.get(_url(minutes)).status_code == 200
    assert client.get(_url(v2)).status_code == 403


def test_it_shows_the_minutes_page_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    minutes = draft_minutes(world)
    item = minutes.items.get()
    for n in range(10):
        action_point_add(
            minutes=minutes,
            minutes_item=item,
            description_en=f"Action {n}",
            owner_organization=world.org_a,
            owner_contact=world.contact_a,
            due_date=timezone.localdate() + dt.timedelta(days=n),
        )
    client.force_login(world.secretariat_x)
    with django_assert_max_num_queries(8):
        response = client.get(_url(minutes))
    assert response.status_code == 200
    assert "Action 9" in response.text


def test_it_downloads_the_minutes_as_pdf_in_the_language_asked_for(client, world):
    minutes = draft_minutes(world)
    client.force_login(world.secretariat_x)
    page = client.get(_url(minutes)).content.decode()
    assert f"{_url(minutes)}minutes.pdf?language=ar" in page
    response = client.get(f"{_url(minutes)}minutes.pdf?language=ar")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "-v1-ar.pdf" in response["Content-Disposition"]
    assert world.swg_x.name_ar in pdf_text(response.content)


def test_a_member_partner_reads_circulated_minutes_as_pdf_and_no_draft(client, world):
    draft = draft_minutes(world)
    client.force_login(world.partner_a)
    assert client.get(f"{_url(draft)}minutes.pdf").status_code == 403
    circulated = approved_minutes(world)
    minutes_circulate(minutes=circulated)
    response = client.get(f"{_url(circulated)}minutes.pdf")
    assert response.status_code == 200
    assert "Vaccination campaign" in pdf_text(response.content)


def test_another_organizations_partner_gets_no_minutes_pdf(client, world):
    minutes = approved_minutes(world)
    minutes_circulate(minutes=minutes)
    client.force_login(world.partner_b)
    assert client.get(f"{_url(minutes)}minutes.pdf").status_code == 404


def test_it_keeps_another_groups_approved_minutes_text_from_a_chair(client, world):
    minutes = approved_minutes(world, swg=world.swg_y)
    as_chair(client, world)
    assert client.get(_url(minutes, "minutes.txt")).status_code == 403
    assert client.get(_url(minutes)).status_code == 403
