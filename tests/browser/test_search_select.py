"""The searchable select with the keyboard, in Arabic (coordination/search_select.py,
static/js/search-select.js): the contact list's organization filter among many
organizations renders only the chosen one and finds the others as one types."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from projects_db.models import Project
from tests.factories import PASSWORD, OrganizationFactory
from tests.support.axe import axe_violations
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


def test_meetings_are_found_and_chosen_for_a_correspondence_entry(page, live_server, world):
    """The register's meetings field (a multiple searchable select): many
    meetings are searched, never listed; two are chosen, one taken away again."""
    from swg.models import Correspondence
    from tests.factories import MeetingFactory

    MeetingFactory.create_batch(40, swg=world.swg_x)
    budget = MeetingFactory(swg=world.swg_x, title_en="Budget review")
    pay = MeetingFactory(swg=world.swg_y, title_en="Teachers pay")
    login(page, live_server, world.coordination.email, PASSWORD)
    page.goto(f"{live_server.url}/correspondence/new/")
    expect(page.locator("select[name=meetings] option")).to_have_count(0)

    box = page.get_by_role("combobox", name="Meetings", exact=True)
    listbox = box.locator("xpath=following-sibling::ul[1]")
    for word in ("budget", "teachers"):
        box.fill("")
        box.press_sequentially(word, delay=30)
        expect(listbox.get_by_role("option")).to_have_count(1)
        box.press("Enter")
        expect(box).to_have_value("")
    page.get_by_role("button", name=re.compile("Teachers pay")).click()

    page.fill("input[name=reference]", "NV-7")
    page.fill("input[name=subject_en]", "Budget letter")
    page.select_option("select[name=kind]", "letter")
    page.select_option("select[name=channel]", "direct")
    for name, word in (("from_organization", "WHO"), ("to_organization", "MoH")):
        organization = page.locator(f"input[data-search-for={name}]")
        organization.press_sequentially(word, delay=30)
        expect(
            organization.locator("xpath=following-sibling::ul[1]").get_by_role("option")
        ).to_have_count(1)
        organization.press("Enter")
    page.locator("main form [type=submit]").first.click()
    expect(page.get_by_text("Entered in the register.")).to_be_visible()
    entry = Correspondence.objects.get(reference="NV-7")
    assert list(entry.meetings.all()) == [budget]
    assert pay not in entry.meetings.all()


def test_two_beneficiaries_are_chosen_one_removed_and_the_project_saved(page, live_server, world):
    """The multiple choice: found as one types, listed with a remove button
    each, and saved with the project."""
    water = OrganizationFactory(name_en="General Water Authority", org_type="gov_body")
    marine = OrganizationFactory(name_en="Ministry of Marine Wealth", org_type="ministry")
    ports = OrganizationFactory(name_en="Ports Authority", org_type="gov_body")
    login(page, live_server, world.partner_a.email, PASSWORD)
    page.goto(f"{live_server.url}/projects/new/")
    page.get_by_label("Title (English)").fill("Water for clinics")
    page.locator("select[name=swg]").select_option(str(world.swg_x.pk))
    # Only the chosen are rendered: none yet.
    expect(page.locator("select[name=beneficiaries] option")).to_have_count(0)

    box = page.get_by_role("combobox", name="Beneficiary institutions")
    for word, organization in (("water", water), ("ports", ports), ("marine", marine)):
        box.focus()
        box.press_sequentially(word, delay=30)
        listbox = box.locator("xpath=following-sibling::ul[1]")
        expect(listbox.get_by_role("option")).to_have_count(1)
        box.press("Enter")
        expect(box).to_have_value("")
        expect(page.get_by_role("status")).to_have_text(f"{organization} added")
    chosen = page.get_by_role("list", name="Beneficiary institutions")
    expect(chosen.get_by_role("listitem")).to_have_count(3)
    assert axe_violations(page) == []

    # Removed with the keyboard: the focus goes back to the search box.
    page.get_by_role("button", name=f"Remove {ports}").focus()
    page.keyboard.press("Enter")
    expect(chosen.get_by_role("listitem")).to_have_count(2)
    expect(box).to_be_focused()

    page.locator("main form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/projects/\d+/$"))
    project = Project.objects.get(title_en="Water for clinics")
    assert set(project.beneficiaries.all()) == {water, marine}
    expect(page.locator("main")).to_contain_text(water.name_en)
