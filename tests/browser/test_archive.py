"""The archive in a real browser (DESIGN §3 "Document archive"): the Health
secretariat files a PDF, finds it by a word that is only inside the file, sees
the matched passage and downloads it; a partner of another organization
searching for the same word finds nothing."""

import pytest
from playwright.sync_api import expect

from swg.models import Document
from tests.factories import PASSWORD
from tests.support.browser import BROWSER_DB, login
from tests.support.documents import pdf_bytes

pytestmark = [pytest.mark.browser, *BROWSER_DB]

WORD = "desalination"


def test_the_secretariat_files_a_document_and_finds_it_by_search(page, live_server, world):
    login(page, live_server, world.secretariat_x.email, PASSWORD)
    page.get_by_role("link", name="Documents").first.click()
    page.get_by_role("link", name="File a document").click()
    page.select_option("#id_swg", label=world.swg_x.name)
    page.set_input_files(
        "#id_file",
        {
            "name": "water-study.pdf",
            "mimeType": "application/pdf",
            "buffer": pdf_bytes(f"A study of the {WORD} plant in Zuwara"),
        },
    )
    page.fill("#id_title", "Water supply study")
    page.select_option("#id_category", "report")
    page.fill("#id_document_date", "2026-03-01")
    page.select_option("#id_language", "en")
    page.select_option("#id_visibility", "secretariat")
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", name="Water supply study")).to_be_visible()
    document = Document.objects.get()
    expect(page).to_have_url(f"{live_server.url}{document.get_absolute_url()}")

    page.get_by_role("link", name="Back to the archive").click()
    page.get_by_test_id("document-search").fill(WORD)
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_test_id("document-row")).to_have_count(1)
    expect(page.get_by_test_id("document-snippet").locator("mark")).to_have_text(WORD)

    page.get_by_role("link", name="Water supply study").click()
    with page.expect_download() as download:
        page.get_by_test_id("document-download").click()
    assert download.value.suggested_filename == "water-study.pdf"

    # A partner of another organization does not find it.
    page.context.clear_cookies()
    login(page, live_server, world.partner_b.email, PASSWORD)
    page.goto(f"{live_server.url}/documents/?q={WORD}")
    expect(page.get_by_test_id("document-row")).to_have_count(0)
    response = page.goto(f"{live_server.url}{document.get_absolute_url()}")
    assert response.status == 404
