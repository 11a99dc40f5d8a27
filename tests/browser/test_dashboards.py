"""The coordination team's dashboard journey in a real browser: from the home
page to the dashboard, filtered by SWG, through a chart's drill-down link to the
meetings behind it; in English and Arabic on a 390 px phone without sideways
scrolling (reports capability parts 4 and 5)."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, held_meeting
from tests.support.browser import BROWSER_DB, login

pytestmark = [pytest.mark.browser, *BROWSER_DB]

PHONE = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
CHART_DRAWN = (
    "(key) => window.Chart && !!Chart.getChart(document.querySelector(`canvas[data-chart=${key}]`))"
)


def chart_drawn(page, key: str) -> bool:
    """Chart.js has drawn the figure's canvas (static/js/dashboards.js, after the page loads)."""
    return bool(page.wait_for_function(CHART_DRAWN, arg=key))


# Runs before any page script: what the Content-Security-Policy refused (Chart.js
# must draw without inline scripts or styles).
COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""


def test_the_coordination_team_filters_the_dashboard_and_drills_down(page, live_server, world):
    meeting = held_meeting(world)
    page.add_init_script(COLLECT_VIOLATIONS)
    page.set_viewport_size(PHONE)
    login(page, live_server, world.coordination.email, PASSWORD)
    expect(page.get_by_test_id("home-summary")).to_contain_text(world.swg_x.name_en)

    page.get_by_test_id("home-dashboard").click()
    expect(page).to_have_url(f"{live_server.url}/dashboards/")
    assert chart_drawn(page, "meetings")
    assert page.evaluate(OVERFLOW) <= 0

    page.get_by_test_id("dashboard-filter").locator("select[name=swg]").select_option("health")
    page.get_by_test_id("dashboard-filter").locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"swg=health"))
    expect(page.get_by_test_id("dashboard-scope")).to_contain_text(world.swg_x.name_en)
    assert chart_drawn(page, "meetings")  # one group: a single bar per series
    assert page.evaluate(OVERFLOW) <= 0
    assert page.evaluate("window.__csp") == []

    page.get_by_test_id("drill-meetings").click()
    expect(page).to_have_url(re.compile(r"/calendar/\?swg="))
    expect(page.locator(f"main a[href='{meeting.get_absolute_url()}']").first).to_be_visible()


def test_the_dashboard_reads_right_to_left_in_arabic_on_a_phone(page, live_server, world):
    held_meeting(world)
    login(page, live_server, world.coordination.email, PASSWORD)
    page.get_by_test_id("switch-language").click()  # in the menu a phone folds away
    expect(page.locator("html[dir=rtl]")).to_have_count(1)
    page.set_viewport_size(PHONE)
    for url in ("/", "/dashboards/", "/dashboards/?swg=health", "/dashboards/overview/"):
        page.goto(f"{live_server.url}{url}")
        expect(page.locator("html[lang=ar]")).to_have_count(1)
        assert page.evaluate(OVERFLOW) <= 0, url
    page.goto(f"{live_server.url}/dashboards/?swg=health")
    assert chart_drawn(page, "women")
    page.get_by_test_id("drill-meetings").click()
    expect(page).to_have_url(re.compile(r"/calendar/\?swg="))
    expect(page.locator("html[dir=rtl]")).to_have_count(1)
