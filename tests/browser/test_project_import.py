"""A partner's project import in a real browser (DESIGN §3 "Exchange"): the
template downloaded, two bad rows refused with their row and column, the
rows fixed, the preview confirmed."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from projects_db.exchange.spreadsheet import KEYS
from projects_db.models import Project
from tests.factories import PASSWORD, make_project
from tests.support.browser import BROWSER_DB, login

pytestmark = [pytest.mark.browser, *BROWSER_DB]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _row(**values):
    row = [None] * len(KEYS)
    for key, value in values.items():
        row[KEYS.index(key)] = value
    return row


def _upload(page, content: bytes):
    page.goto("/projects/import/")
    page.locator("input[type=file][name=file]").set_input_files(
        files=[{"name": "who-projects.xlsx", "mimeType": XLSX, "buffer": content}]
    )
    page.locator("main form[method=post] [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/projects/import/\d+/$"))
    return page.locator("#import-progress")


def _saved(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_partner_fixes_two_bad_rows_and_confirms_the_import(page, live_server, world):
    existing = make_project(owner=world.org_a, swg=world.swg_x)
    login(page, live_server, world.partner_a.email, PASSWORD)
    page.goto("/projects/")
    page.locator("main a[href='/projects/import/']").click()
    with page.expect_download() as download:
        page.locator("main form[method=get] [type=submit]").click()
    with open(download.value.path(), "rb") as file:
        workbook = load_workbook(io.BytesIO(file.read()))
    sheet = workbook.worksheets[0]
    assert sheet.cell(row=2, column=1).value == existing.pk  # pre-filled
    common = {"organization": "WHO", "swg": "health", "status": "2 – Ongoing"}
    sheet.append(_row(title_en="Clinics in Ghat", districts="LY-GT", budget="2026: -500", **common))
    sheet.append(_row(title_en="Clinics in Kufra", districts="Atlantis", **common))

    progress = _upload(page, _saved(workbook))
    expect(progress).to_have_attribute("data-status", "invalid")
    errors = page.locator("#import-errors tbody tr")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("3")
    expect(errors.nth(0)).to_contain_text("Budget")
    expect(errors.nth(0)).to_contain_text("cannot be negative")
    expect(errors.nth(1)).to_contain_text("Districts")
    expect(errors.nth(1)).to_contain_text("Atlantis")
    assert Project.objects.count() == 1

    sheet.cell(row=3, column=KEYS.index("budget") + 1, value="2026: 500")
    sheet.cell(row=4, column=KEYS.index("districts") + 1, value="LY-KF")
    progress = _upload(page, _saved(workbook))
    expect(progress).to_have_attribute("data-status", "checked")
    expect(page.locator("#import-preview tr[data-group=new]")).to_have_count(2)
    expect(page.locator("#import-preview tr[data-group=unchanged]")).to_have_count(1)
    assert Project.objects.count() == 1  # nothing saved before the confirmation

    page.get_by_role("button", name="Confirm and save").click()
    expect(page.locator("#import-progress")).to_have_attribute("data-status", "done")
    expect(page.locator("#import-progress")).to_contain_text("2 created")
    kufra = Project.objects.get(title_en="Clinics in Kufra")
    assert kufra.owner == world.org_a
    assert [d.code for d in kufra.districts.all()] == ["LY-KF"]
