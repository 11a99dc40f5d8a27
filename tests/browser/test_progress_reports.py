"""The Health secretariat's progress report in a real browser (DESIGN §3
"Progress report"): opened for the quarter, narrative written, the Arabic PDF
generated with the progress bar polling its status, downloaded; the chair
approves and it is filed in the archive and sent to the Technical Cooperation
Office."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import OutboxMessage
from reports.models import ProgressReport, ReportGeneration
from reports.services import reports as report_services
from swg.models import Document
from tests.factories import PASSWORD, held_meeting, make_tco, report_period_of
from tests.support.browser import BROWSER_DB, login
from tests.support.pdfs import pdf_text, words

pytestmark = [pytest.mark.browser, *BROWSER_DB]


def test_the_secretariat_generates_and_the_chair_approves(page, live_server, world, monkeypatch):
    held_meeting(world)
    make_tco(contacts=1)
    period = report_period_of(timezone.localdate() - dt.timedelta(days=7))
    login(page, live_server, world.secretariat_x.email, PASSWORD)
    page.goto("/reports/health/")
    page.locator("select[name=period]").select_option(period.code)
    page.locator("form.report-open [type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/reports/health/{period.code}/$"))
    expect(page.locator("[data-figure=meetings-held]").first).to_have_text("1")

    page.get_by_role("link", name="Edit the narrative").click()
    page.locator("textarea[name=summary_ar]").fill("<p>تقدم جيد في حملة التطعيم</p>")
    page.locator("main form [type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/reports/health/{period.code}/$"))

    # The worker is held back so the page shows the bar before the PDF is ready.
    queued = []
    monkeypatch.setattr(report_services, "_queue_generation", queued.append)
    page.locator("form.report-generate select[name=language]").select_option("ar")
    page.locator("form.report-generate [type=submit]").click()
    box = page.locator("[data-testid=generation-ar]")
    expect(box.locator(".progress")).to_be_visible()
    expect(box.locator("[data-role=label]")).to_have_text("Queued")
    report_services.report_generation_run(generation_id=queued[0])
    # The script polls the status and shows the link once the PDF is ready.
    link = box.locator("[data-role=download]")
    expect(link).to_be_visible()
    expect(box.locator(".progress")).to_be_hidden()
    with page.expect_download() as download:
        link.click()
    with open(download.value.path(), "rb") as file:
        text = words(pdf_text(file.read()))
    assert world.swg_x.name_ar in text and "تقدم جيد في حملة التطعيم" in text
    assert ReportGeneration.objects.get().steps[-1]["progress"] == 100

    page.context.clear_cookies()
    login(page, live_server, world.chair.email, PASSWORD)
    page.goto(f"/reports/health/{period.code}/")
    page.locator(f"form[action='/reports/health/{period.code}/approve/'] [type=submit]").click()
    expect(page.locator("[data-testid=report-status]")).to_be_visible()
    report = ProgressReport.objects.get()
    assert report.status == ProgressReport.Status.SENT
    assert Document.objects.filter(category="report").count() == 2
    assert OutboxMessage.objects.filter(purpose="reports.progress_report").count() == 1
