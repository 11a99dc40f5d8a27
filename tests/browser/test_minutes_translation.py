"""A translated minutes reaches each reader in their language (DESIGN §2): the
secretariat writes the Arabic beside the English original, the chair reads
both and approves, circulation sends the Arabic reader the Arabic text and
PDF and the English reader the English, over real SMTP."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.factories import PASSWORD, draft_minutes
from tests.support.browser import BROWSER_DB, TIMEOUT_MS, login
from tests.support.pdfs import pdf_text, words

pytestmark = [pytest.mark.browser, *BROWSER_DB]

SUMMARY = ("The group reviewed the vaccination campaign.", "راجعت المجموعة حملة التطعيم.")
DECISION = ("The campaign starts in March.", "تبدأ الحملة في شهر مارس.")


def tr(lang: str, message: str) -> str:
    with translation.override(lang):
        return gettext(message)


def test_translated_minutes_reach_an_arabic_and_an_english_reader(
    page, live_server, world, smtp_server, settings
):
    settings.SITE_URL = live_server.url
    settings.MOP_MINUTES_EMAIL = ""
    world.contact_gov.preferred_language = "ar"  # Khaled reads Arabic, Amina English
    world.contact_gov.save()
    minutes = draft_minutes(world)
    minutes_url = f"{live_server.url}/meetings/{minutes.meeting_id}/minutes/{minutes.pk}/"

    # The secretariat writes the original and its translation side by side.
    login(page, live_server, world.secretariat_x.email, PASSWORD)
    page.goto(f"{minutes_url}edit/")
    page.locator("textarea[name=summary]").fill(SUMMARY[0])
    page.locator("textarea[name=summary_translation]").fill(SUMMARY[1])
    page.locator("textarea[name=items-0-decisions]").fill(DECISION[0])
    page.locator("input[name=items-0-title_translation]").fill("حملة التطعيم")
    page.locator("textarea[name=items-0-decisions_translation]").fill(DECISION[1])
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(minutes_url)
    expect(page.get_by_test_id("summary-translation")).to_contain_text(SUMMARY[1])
    page.get_by_role("button", name="Submit to the chair").click()
    expect(page.get_by_test_id("minutes-status")).to_have_text("Submitted to the chair")

    # The chair, in Arabic, reads both and approves them together.
    chair_context = page.context.browser.new_context(base_url=live_server.url)
    chair_context.set_default_timeout(TIMEOUT_MS)
    try:
        chair = chair_context.new_page()
        login(chair, live_server, world.chair.email, PASSWORD)
        chair.goto(minutes_url)
        expect(chair.locator("html")).to_have_attribute("dir", "rtl")
        main = chair.locator("main")
        expect(main).to_contain_text(DECISION[0])
        expect(chair.get_by_test_id("item-translation")).to_contain_text(DECISION[1])
        expect(chair.get_by_test_id("item-translation")).to_have_attribute("dir", "rtl")
        chair.get_by_role("link", name=tr("ar", "Approve"), exact=True).click()
        chair.get_by_test_id("confirm-approve").click()
        expect(chair.get_by_test_id("minutes-status")).to_have_text(tr("ar", "Approved"))
    finally:
        chair_context.close()

    # The secretariat circulates: one message each, in each reader's language.
    page.reload()
    page.get_by_role("link", name="Circulate to members and MoP").click()
    page.get_by_test_id("confirm-circulate").click()
    expect(page.get_by_test_id("minutes-status")).to_have_text("Circulated")
    # Four emails in all: the two members' minutes, and the notifications of the
    # steps before (submitted → the chair, approved → the secretariat).
    received = {m.rcpt_tos[0]: m for m in smtp_server.wait_for(4)}
    assert smtp_server.count_by_recipient() == {
        "amina@who.example": 1,
        "khaled@moh.example": 1,
        world.chair.email: 1,
        world.secretariat_x.email: 1,
    }

    arabic = received["khaled@moh.example"]
    assert SUMMARY[1] in arabic.text and SUMMARY[0] not in arabic.text
    (arabic_pdf,) = arabic.attachments
    assert arabic_pdf.filename.endswith("-v1-ar.pdf")
    arabic_text = words(pdf_text(arabic_pdf.content))
    assert DECISION[1].rstrip(".") in arabic_text and "حملة التطعيم" in arabic_text
    assert DECISION[0].rstrip(".") not in arabic_text

    english = received["amina@who.example"]
    assert SUMMARY[0] in english.text and SUMMARY[1] not in english.text
    (english_pdf,) = english.attachments
    assert english_pdf.filename.endswith("-v1-en.pdf")
    english_text = words(pdf_text(english_pdf.content))
    assert DECISION[0].rstrip(".") in english_text and DECISION[1].rstrip(".") not in english_text
