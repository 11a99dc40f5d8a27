"""The chair endorses the group's terms of reference in a real browser, and the
group's page then shows them in Arabic, the chair's language (DESIGN §3 "Terms
of reference"; assessment Annex 2b: MoP asked for an Arabic version)."""

import pytest
from playwright.sync_api import expect

from swg.models import TorVersion
from tests.factories import PASSWORD, build_world, make_tor, tor_text
from tests.support.browser import BROWSER_DB, login

pytestmark = [pytest.mark.browser, *BROWSER_DB]

OBJECTIVES_AR = "تنسيق الدعم الدولي للقطاع الصحي مع أولويات الحكومة."


def test_the_chair_endorses_and_the_group_page_shows_it_in_arabic(page, live_server):
    world = build_world()
    make_tor(
        world,
        status="reviewed",
        text={**tor_text(), "objectives_ar": OBJECTIVES_AR, "reporting_ar": ""},
    )
    login(page, live_server, world.chair.email, PASSWORD)  # the chair reads Arabic

    page.goto(f"{live_server.url}/tors/health/v1/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("form[action$='/v1/endorse/'] button[type=submit]").click()
    expect(page.get_by_test_id("tor-endorsed-by")).to_be_visible()
    version = TorVersion.objects.get(swg=world.swg_x, number=1)
    assert (version.status, version.endorsed_by) == ("endorsed", world.chair)

    page.goto(f"{live_server.url}/swg/health/")
    tor = page.get_by_test_id("swg-tor")
    expect(tor.get_by_test_id("tor-section-objectives")).to_contain_text(OBJECTIVES_AR)
    expect(tor.locator("[lang=ar]").first).to_have_attribute("dir", "rtl")
    # Reporting has no Arabic yet: the English is shown, and said to be.
    reporting = tor.get_by_test_id("tor-section-reporting")
    expect(reporting).to_contain_text("The group's reporting (v1).")
    expect(reporting.get_by_test_id("tor-fallback")).to_be_visible()
