"""The Accept / Tentative / Decline links of the invitation email: no login,
signed, good until the meeting ends, one answer per choice."""

import datetime as dt
import time
from unittest import mock

import pytest
from django.utils import timezone

from swg.models import Invitation, Meeting
from swg.services.invitations import (
    RsvpLinkError,
    invitation_remove,
    invitation_respond,
    invitations_add,
    rsvp_link_read,
    rsvp_token,
)
from swg.services.meetings import meeting_cancel
from tests.factories import plan_meeting


@pytest.fixture
def invitation(world):
    meeting = plan_meeting(world)
    (invitation,) = invitations_add(meeting=meeting, contacts=[world.contact_a])
    return invitation


def _link(invitation, choice="accepted"):
    return f"/rsvp/{rsvp_token(invitation=invitation, choice=choice)}/"


def _answer(invitation):
    return Invitation.objects.values_list("rsvp", "rsvp_at").get(pk=invitation.pk)


def test_it_asks_to_confirm_without_login_and_changes_nothing_yet(client, invitation):
    response = client.get(_link(invitation))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Confirm: Accepted" in html and "Health SWG monthly meeting" in html
    assert _answer(invitation) == ("", None)


def test_it_records_the_answer_without_login(client, invitation):
    response = client.post(_link(invitation))
    assert "Your answer is recorded: Accepted." in response.content.decode()
    rsvp, rsvp_at = _answer(invitation)
    assert rsvp == "accepted" and rsvp_at is not None


def test_it_records_the_same_choice_only_once(client, invitation):
    client.post(_link(invitation))
    first = _answer(invitation)
    again = client.post(_link(invitation)).content.decode()
    assert "was already recorded. Nothing changed." in again
    assert _answer(invitation) == first
    assert "was already recorded" in client.get(_link(invitation)).content.decode()
    assert invitation.history.count() == 2  # created, answered once


def test_it_lets_another_choice_change_the_answer(client, invitation):
    client.post(_link(invitation, "accepted"))
    response = client.post(_link(invitation, "declined"))
    assert "Your answer is recorded: Declined." in response.content.decode()
    assert _answer(invitation)[0] == "declined"


def test_it_refuses_a_tampered_link(client, invitation):
    token = rsvp_token(invitation=invitation, choice="accepted")
    forged = token.replace("eyJpIjo", "eyJpIjp", 1)
    for url in (f"/rsvp/{forged}/", f"/rsvp/{token[:-3]}/", "/rsvp/not-a-token/"):
        response = client.post(url)
        assert response.status_code == 400
        assert "This answer link is not valid." in response.content.decode()
    assert _answer(invitation) == ("", None)


def test_it_refuses_a_link_to_another_answer_than_signed(client, invitation):
    other = rsvp_token(invitation=invitation, choice="declined")
    payload, rest = other.split(":", 1)
    accepted_payload = rsvp_token(invitation=invitation, choice="accepted").split(":", 1)[0]
    response = client.post(f"/rsvp/{accepted_payload}:{rest}/")
    assert response.status_code == 400
    assert _answer(invitation) == ("", None)


def test_it_refuses_a_link_once_the_meeting_is_over(client, invitation):
    link = _link(invitation)
    ended = timezone.now() - dt.timedelta(hours=1)
    Meeting.objects.filter(pk=invitation.meeting_id).update(
        starts_at=ended - dt.timedelta(hours=2), ends_at=ended
    )
    response = client.post(link)
    assert response.status_code == 410
    assert "This meeting is over" in response.content.decode()
    assert _answer(invitation) == ("", None)


def test_it_expires_the_link_when_the_meeting_ends(invitation):
    token = rsvp_token(invitation=invitation, choice="tentative")
    ends = invitation.meeting.ends_at
    assert rsvp_link_read(token=token, now=ends - dt.timedelta(minutes=1))
    with pytest.raises(RsvpLinkError) as caught:
        rsvp_link_read(token=token, now=ends)
    assert caught.value.reason == "expired"


def test_it_keeps_an_old_link_working_while_the_meeting_is_ahead(client, invitation):
    # Signed a month ago (the invitation went out early): the meeting's end,
    # not the link's age, decides.
    with mock.patch("time.time", return_value=time.time() - 30 * 86400):
        link = _link(invitation)
    client.post(link)
    assert _answer(invitation)[0] == "accepted"


def test_it_refuses_the_link_of_a_cancelled_meeting(client, invitation):
    meeting_cancel(meeting=invitation.meeting, reason="Security situation")
    response = client.post(_link(invitation))
    assert response.status_code == 410
    assert "This meeting has been cancelled." in response.content.decode()
    assert _answer(invitation) == ("", None)


def test_it_refuses_the_link_of_a_withdrawn_invitation(client, invitation):
    link = _link(invitation)
    invitation_remove(invitation=invitation)
    response = client.post(link)
    assert response.status_code == 410
    assert "This invitation has been withdrawn." in response.content.decode()


def test_it_speaks_the_invitees_language(client, world, invitation):
    world.contact_a.preferred_language = "ar"
    world.contact_a.save()
    html = client.get(_link(invitation)).content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "الاجتماع الشهري لمجموعة الصحة" in html


def test_it_offers_a_signed_in_invitee_their_answer_on_the_meeting_page(client, world, invitation):
    world.partner_a.email = world.contact_a.email
    world.partner_a.save()
    client.force_login(world.partner_a)
    html = client.get(invitation.meeting.get_absolute_url()).content.decode()
    assert 'data-testid="my-invitation"' in html and "You have not answered yet." in html
    assert "/rsvp/" in html


def test_it_counts_the_answers_on_the_meeting_page(client, world, invitation):
    (other,) = invitations_add(meeting=invitation.meeting, contacts=[world.contact_gov])
    invitation_respond(invitation=invitation, choice="accepted")
    invitation_respond(invitation=other, choice="declined")
    client.force_login(world.secretariat_x)
    html = client.get(invitation.meeting.get_absolute_url()).content.decode()
    assert "Accepted: 1" in html and "Declined: 1" in html and "No answer: 0" in html
