"""The role home pages in a real browser, in English and Arabic on a 390 px
phone: a partner answers an invitation from her home page, and the chair
follows "minutes awaiting approval" to approve them."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from swg.models import Invitation, Minutes
from tests.factories import PASSWORD, ContactFactory, MeetingFactory, submitted_minutes
from tests.support.browser import BROWSER_DB, login

pytestmark = [pytest.mark.browser, *BROWSER_DB]

PHONE = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_partner_answers_an_invitation_from_her_home_page(page, live_server, world, language):
    world.partner_a.language = language
    world.partner_a.save()
    me = ContactFactory(organization=world.org_a, email=world.partner_a.email)
    meeting = MeetingFactory(
        starts_at=timezone.now() + dt.timedelta(days=2), invitations_sent_at=timezone.now()
    )
    invitation = Invitation.objects.create(meeting=meeting, contact=me, rsvp="tentative")
    page.set_viewport_size(PHONE)
    login(page, live_server, world.partner_a.email, PASSWORD)
    row = page.get_by_test_id("rsvp-row")
    expect(row).to_have_count(1)
    assert page.evaluate(OVERFLOW) <= 0
    row.get_by_test_id("rsvp-accepted").click()
    expect(page.get_by_test_id("rsvp-result")).to_be_visible()
    invitation.refresh_from_db()
    assert invitation.rsvp == "accepted"
    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("rsvp-accepted")).to_have_class(r"btn btn-sm btn-primary")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_chair_follows_minutes_awaiting_approval(page, live_server, world, language):
    world.chair.language = language
    world.chair.save()
    minutes = submitted_minutes(world, days_ago=2)
    page.set_viewport_size(PHONE)
    login(page, live_server, world.chair.email, PASSWORD)
    assert page.evaluate(OVERFLOW) <= 0
    page.locator("[data-key=minutes-to-approve] a").click()
    expect(page).to_have_url(f"{live_server.url}{minutes.get_absolute_url()}")
    page.locator(f"a[href$='/minutes/{minutes.pk}/approve/']").click()
    # A confirmation first: who is told.
    expect(page.get_by_test_id("approval-notified")).to_be_visible()
    page.get_by_test_id("confirm-approve").click()
    expect(page).to_have_url(f"{live_server.url}{minutes.get_absolute_url()}")
    # Approved minutes are locked: nothing to approve any more.
    expect(page.locator(f"a[href$='/minutes/{minutes.pk}/approve/']")).to_have_count(0)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
