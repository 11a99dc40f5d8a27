"""The results framework journey (DESIGN §3 "Results framework") in a real
browser: Health's secretariat opens the group's framework, adds this quarter's
value of a joint indicator and sees it in the chart and the table."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from projects_db.services.results import measurement_record, target_set
from tests.factories import PASSWORD, make_indicator
from tests.support.browser import BROWSER_DB, login

pytestmark = [pytest.mark.browser, *BROWSER_DB]


def test_the_secretariat_adds_a_value_and_sees_it_in_the_chart(page, live_server, world):
    indicator = make_indicator(world)
    target_set(indicator=indicator, year=2026, quarter=0, value=Decimal(60), by=world.coordination)
    measurement_record(
        indicator=indicator, year=2026, quarter=1, value=Decimal(44), by=world.coordination
    )

    login(page, live_server, world.secretariat_x.email, PASSWORD)
    page.goto(f"{live_server.url}/results/health/")
    page.get_by_role("link", name="Clinics open in the southern districts").click()
    page.get_by_role("link", name="Add a value").click()
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Period").select_option("2")
    page.get_by_label("Value").fill("51")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".alert-success")).to_contain_text("Value saved.")
    chart = page.get_by_test_id("chart")
    expect(chart.locator("svg[role=img] circle")).to_have_count(
        4
    )  # the baseline, two values, one target
    expect(chart.locator("svg[role=img] title", has_text="2026-Q2: 51")).to_have_count(1)
    expect(page.get_by_test_id("progress")).to_contain_text("51.00")

    # The same period again: the form says to edit the value instead.
    page.get_by_role("link", name="Add a value").click()
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Period").select_option("2")
    page.get_by_label("Value").fill("52")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text(
        "A value for 2026-Q2 is already recorded; edit it instead."
    )
