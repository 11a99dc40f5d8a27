"""The first journeys in a real browser: sign in, switch to Arabic, open a group,
download its contact list; a stranger's 404; a contact import.

Chromium (Debian's) is driven through Playwright against ``live_server``.
"""

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from swg.models import Contact, ImportJob
from tests.factories import PASSWORD
from tests.support.browser import BROWSER_DB, login

pytestmark = [pytest.mark.browser, *BROWSER_DB]


def test_secretariat_switches_to_arabic_and_downloads_the_health_contact_list(
    page,
    live_server,
    world,
    tmp_path,
):
    login(page, live_server, world.secretariat_x.email, PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")

    page.get_by_test_id("switch-language").click()

    expect(page.locator("html[dir=rtl]")).to_have_count(1)
    expect(page.locator("html[lang=ar]")).to_have_count(1)
    working_groups = page.locator("nav a.nav-link[href='/swg/']")
    expect(working_groups).to_have_text("مجموعات العمل")
    world.secretariat_x.refresh_from_db()
    assert world.secretariat_x.language == "ar"  # remembered on the account

    working_groups.click()
    expect(page).to_have_url(f"{live_server.url}/swg/")
    page.locator(f"main a[href='{world.swg_x.get_absolute_url()}']").first.click()
    expect(page).to_have_url(f"{live_server.url}{world.swg_x.get_absolute_url()}")
    expect(page.locator("html[dir=rtl]")).to_have_count(1)

    page.locator("main a[href='/swg/health/contacts/']").click()
    expect(page).to_have_url(f"{live_server.url}/swg/health/contacts/")
    expect(page.locator("main table")).to_contain_text(world.contact_a.name_ar)

    with page.expect_download() as download_info:
        page.get_by_test_id("download-xlsx").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    workbook = load_workbook(saved, read_only=True)
    cells = {
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    }
    workbook.close()
    assert "أمينة حداد" in cells  # world.contact_a.name_ar
    assert world.contact_a.email in cells


def test_partner_outside_health_gets_404_for_the_health_group(page, live_server, world):
    login(page, live_server, world.partner_b.email, PASSWORD)

    response = page.goto(f"{live_server.url}{world.swg_x.get_absolute_url()}")

    assert response is not None
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text(world.contact_gov.name_en)
    expect(page.locator("body")).not_to_contain_text(world.contact_a.name_en)
    # The group the partner does belong to still opens.
    response = page.goto(f"{live_server.url}{world.swg_y.get_absolute_url()}")
    assert response is not None and response.status == 200


def test_secretariat_imports_contacts_from_a_csv(page, live_server, world):
    csv_text = (
        "email,organization,name_en,name_ar,gender\n"
        "salma@who.example,WHO,Salma Ali,سلمى علي,f\n"
        "omar@eud.example,EUD,Omar Said,عمر سعيد,m\n"
    )
    login(page, live_server, world.secretariat_x.email, PASSWORD)

    page.locator("nav a.nav-link[href='/contacts/']").click()
    page.locator("main a[href='/contacts/import/']").click()
    expect(page).to_have_url(f"{live_server.url}/contacts/import/")
    page.locator("input[type=file][name=file]").set_input_files(
        files=[
            {
                "name": "new-contacts.csv",
                "mimeType": "text/csv",
                "buffer": csv_text.encode("utf-8"),
            }
        ]
    )
    page.locator("main form input[type=submit], main form button[type=submit]").first.click()

    expect(page).to_have_url(re.compile(r"/contacts/import/\d+/$"))
    progress = page.locator("#import-progress")
    expect(progress).to_be_visible()
    expect(progress).to_have_attribute("data-status", "done")
    expect(progress).to_contain_text("Imported")
    expect(progress).to_contain_text("2 contacts created")

    job = ImportJob.objects.get()
    assert (job.status, job.created_count, job.original_name) == ("done", 2, "new-contacts.csv")
    salma = Contact.objects.get(email="salma@who.example")
    assert (salma.name_ar, salma.organization) == ("سلمى علي", world.org_a)
