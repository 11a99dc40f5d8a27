"""The quarterly update journey (DESIGN §3 "Quarterly update") in a real
browser: WHO's focal point writes and submits the update of the quarter just
ended, Health's secretariat returns it with a comment, the partner revises and
resubmits, the secretariat accepts it and the board shows the partner done."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from projects_db.models import QuarterlyUpdate
from tests.factories import PASSWORD, make_project
from tests.support.browser import BROWSER_DB, login

pytestmark = [pytest.mark.browser, *BROWSER_DB]


def _switch(page, live_server, user):
    page.context.clear_cookies()
    login(page, live_server, user.email, PASSWORD)


def _open_update(page, live_server):
    page.goto(f"{live_server.url}/projects/updates/")
    page.get_by_role("link", name="Open").click()


def test_an_update_is_returned_resubmitted_and_accepted(page, live_server, world):
    today = timezone.localdate()
    project = make_project(
        owner=world.org_a,
        swg=world.swg_x,
        publish=True,
        planned_start=today - dt.timedelta(days=400),
        planned_end=today + dt.timedelta(days=400),
    )

    login(page, live_server, world.partner_a.email, PASSWORD)
    page.goto(f"{live_server.url}/projects/updates/")
    expect(page.locator("#quarter-progress")).to_contain_text("0 of 1 projects done")
    page.get_by_role("link", name="Write update").click()
    page.get_by_label("Progress").fill("The clinics in Sabha opened.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("h1")).to_contain_text("Submitted")

    _switch(page, live_server, world.secretariat_x)
    _open_update(page, live_server)
    page.get_by_label("What should the partner change?").fill("Add the number of patients.")
    page.get_by_role("button", name="Return to the partner").click()
    expect(page.locator("h1")).to_contain_text("Returned")

    _switch(page, live_server, world.partner_a)
    _open_update(page, live_server)
    expect(page.locator("main")).to_contain_text("Add the number of patients.")
    page.get_by_role("link", name="Revise and resubmit").click()
    page.get_by_label("Progress").fill("The clinics in Sabha opened and saw 1,200 patients.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("h1")).to_contain_text("Submitted")

    _switch(page, live_server, world.secretariat_x)
    _open_update(page, live_server)
    page.get_by_role("button", name="Accept").click()
    expect(page.locator("h1")).to_contain_text("Accepted")
    update = QuarterlyUpdate.objects.get(project=project)
    assert update.state == QuarterlyUpdate.State.ACCEPTED
    assert "1,200 patients" in update.narrative

    page.goto(f"{live_server.url}/projects/updates/board/")
    row = page.locator("#submission-board tr", has_text=world.org_a.name)
    expect(row).to_contain_text("Accepted")
    expect(page).to_have_url(re.compile(r"/projects/updates/board/"))
