"""The searchable select with the keyboard, in Arabic (coordination/search_select.py,
static/js/search-select.js): the contact list's organization filter among many
organizations renders only the chosen one and finds the others as one types."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.factories import PASSWORD, OrganizationFactory
from tests.support.browser import BROWSER_DB, login

pytestmark = [pytest.mark.browser, *BROWSER_DB]


def test_an_organization_is_found_and_chosen_with_the_keyboard_in_arabic(page, live_server, world):
    OrganizationFactory.create_batch(60)
    world.secretariat_x.language = "ar"
    world.secretariat_x.save(update_fields=["language"])
    with translation.override("ar"):
        label = gettext("Organization")
    login(page, live_server, world.secretariat_x.email, PASSWORD)
    page.goto(f"{live_server.url}/contacts/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # Only the empty choice is rendered, not sixty organizations.
    expect(page.locator("select[name=organization] option")).to_have_count(1)

    box = page.get_by_role("combobox", name=label, exact=True)
    box.focus()
    box.press_sequentially("بعثة", delay=30)  # the EU Delegation's Arabic name
    listbox = box.locator("xpath=following-sibling::ul[1]")
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option")).to_contain_text("EUD")
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page.locator("select[name=organization]")).to_have_value(str(world.org_b.pk))
    box.press("Escape")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(rf"organization={world.org_b.pk}"))
    expect(page.get_by_role("combobox", name=label, exact=True)).to_have_value(
        re.compile("بعثة الاتحاد الأوروبي")
    )


def test_a_fixed_organization_cannot_be_searched_away(page, live_server, world):
    """A partner's project is reported by her own organization: the searchable
    select shows it and is disabled."""
    login(page, live_server, world.partner_a.email, PASSWORD)
    page.goto(f"{live_server.url}/projects/new/")
    box = page.locator("input[data-search-for=owner]")
    expect(box).to_be_disabled()
    expect(box).to_have_value(re.compile("WHO"))
