"""The minutes' states and circulation (swg/services/minutes.py): held meetings
only, circulated once to members and MoP once approved, corrected by a new version."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coordination.models import OutboxMessage
from swg.models import FocalPoint, Organization
from swg.services.action_points import action_point_add
from swg.services.memberships import focal_point_appoint
from swg.services.minutes import (
    minutes_approve,
    minutes_circulate,
    minutes_correct,
    minutes_start,
    minutes_submit,
    minutes_text,
)
from tests.factories import (
    ContactFactory,
    OrganizationFactory,
    approved_minutes,
    draft_minutes,
    make_meeting,
    submitted_minutes,
)
from tests.support.pdfs import pdf_text, words


def test_it_refuses_minutes_before_the_meeting_is_held(world):
    meeting = make_meeting(world, invite=(world.contact_a,))
    with pytest.raises(ValidationError) as caught:
        minutes_start(meeting=meeting)
    assert "Mark the meeting as held" in caught.value.messages[0]


def test_it_circulates_to_mop_and_its_mailbox(world, settings):
    settings.MOP_MINUTES_EMAIL = "tco@planning.gov.ly"
    mop = OrganizationFactory(
        acronym="MoP", org_type=Organization.Type.MINISTRY, is_ministry_of_planning=True
    )
    focal = ContactFactory(organization=mop, email="focal@planning.gov.ly")
    focal_point_appoint(organization=mop, contact=focal, purpose=FocalPoint.Purpose.GENERAL)
    ContactFactory(organization=mop, email="not-a-focal-point@planning.gov.ly")
    minutes = approved_minutes(world)
    assert minutes_circulate(minutes=minutes) == 4
    emails = set(OutboxMessage.objects.values_list("recipient_email", flat=True))
    assert {"focal@planning.gov.ly", "tco@planning.gov.ly"} <= emails
    assert "not-a-focal-point@planning.gov.ly" not in emails


def test_it_refuses_to_circulate_unapproved_minutes(world):
    minutes = submitted_minutes(world)
    with pytest.raises(ValidationError):
        minutes_circulate(minutes=minutes)
    assert not OutboxMessage.objects.exists()


def test_it_delivers_circulated_minutes_over_smtp_with_the_pdf_in_each_language(
    world, smtp_server, django_capture_on_commit_callbacks
):
    world.contact_gov.preferred_language = "ar"
    world.contact_gov.save()
    minutes = approved_minutes(world)
    with django_capture_on_commit_callbacks(execute=True):
        count = minutes_circulate(minutes=minutes)
    received = {r.rcpt_tos[0]: r for r in smtp_server.wait_for(count)}
    # Once to each, the languages together in one batch over one SMTP connection.
    assert smtp_server.count_by_recipient() == {"amina@who.example": 1, "khaled@moh.example": 1}
    assert smtp_server.connections == 1
    arabic_message = OutboxMessage.objects.get(recipient_email="khaled@moh.example")
    assert arabic_message.language == "ar"
    assert world.contact_gov.name_ar in arabic_message.body_text
    assert sorted(received) == ["amina@who.example", "khaled@moh.example"]
    assert "/minutes/" in received["amina@who.example"].text

    (english,) = received["amina@who.example"].attachments
    assert english.content_type == "application/pdf"
    assert english.filename.endswith("-v1-en.pdf")
    text = words(pdf_text(english.content))
    assert "Minutes" in text and "Health" in text and "Vaccination campaign" in text

    (arabic,) = received["khaled@moh.example"].attachments
    assert arabic.filename.endswith("-v1-ar.pdf")
    text = words(pdf_text(arabic.content))
    assert world.swg_x.name_ar in text and "Vaccination campaign" in text


def test_it_circulates_a_correction_to_everybody_again(world):
    minutes = approved_minutes(world)
    minutes_circulate(minutes=minutes)
    v2 = minutes_correct(minutes=minutes)
    v2 = minutes_submit(minutes=v2)
    v2 = minutes_approve(minutes=v2, by=world.chair)
    assert minutes_circulate(minutes=v2) == 2
    assert OutboxMessage.objects.filter(object_key=f"minutes:{v2.pk}").count() == 2


def test_it_refuses_to_correct_a_draft(world):
    with pytest.raises(ValidationError):
        minutes_correct(minutes=draft_minutes(world))


def test_it_leaves_a_later_versions_points_out_of_the_circulated_text(world):
    minutes = approved_minutes(world)
    minutes_circulate(minutes=minutes)
    v2 = minutes_correct(minutes=minutes)
    action_point_add(
        minutes=v2,
        minutes_item=v2.items.get(),
        description_en="Agreed in the correction",
        owner_organization=world.org_a,
        due_date=timezone.localdate(),
    )
    minutes_approve(minutes=minutes_submit(minutes=v2), by=world.chair)  # not circulated
    assert "Agreed in the correction" not in minutes_text(minutes=minutes)
