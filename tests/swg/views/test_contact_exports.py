"""Contact exports are safe to open and read back exactly (swg/views/contacts.py
through coordination/spreadsheets/): a partner's text never becomes a formula
on the secretariat's machine, and a phone number survives export and import."""

import csv
import io

import pytest
import vobject
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from swg.models import Contact, Membership
from swg.services.memberships import membership_add
from tests.factories import ContactFactory

HYPERLINK = '=HYPERLINK("http://x","y")'
CALC = "=cmd|' /C calc'!A0"
PHONE = "+218 91 234 5678"


@pytest.fixture
def planted(world):
    """A partner's contact whose name and title are formulas, in Health."""
    contact = ContactFactory(
        organization=world.org_a,
        name_en=HYPERLINK,
        title=CALC,
        email="planted@who.example",
        mobile=PHONE,
        landline="-21 444 5555",
    )
    membership_add(swg=world.swg_x, role=Membership.Role.MEMBER, contact=contact)
    return contact


def _body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _csv_rows(response) -> dict[str, dict]:
    text = _body(response).decode("utf-8-sig")
    return {row["email"]: row for row in csv.DictReader(io.StringIO(text))}


@pytest.mark.parametrize("url", ["/contacts/export.xlsx", "/swg/health/contacts.xlsx"])
def test_it_writes_a_formula_name_as_a_text_cell_in_xlsx(client, world, planted, url):
    client.force_login(world.secretariat_x)
    sheet = load_workbook(io.BytesIO(_body(client.get(url)))).active
    header = [cell.value for cell in sheet[1]]
    (row,) = [
        r for r in sheet.iter_rows(min_row=2) if r[header.index("email")].value == planted.email
    ]
    name, title = row[header.index("name_en")], row[header.index("title_en")]
    assert (name.value, name.data_type) == (HYPERLINK, "s")
    assert (title.value, title.data_type) == (CALC, "s")


@pytest.mark.parametrize("url", ["/contacts/export.csv", "/swg/health/contacts.csv"])
def test_it_neutralises_a_formula_name_in_csv(client, world, planted, url):
    client.force_login(world.secretariat_x)
    row = _csv_rows(client.get(url))[planted.email]
    assert row["name_en"] == "'" + HYPERLINK
    assert row["title_en"] == "'" + CALC
    assert row["mobile"] == PHONE


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_streams_the_spreadsheet_exports(client, world, fmt):
    client.force_login(world.coordination)
    response = client.get(f"/contacts/export.{fmt}")
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="contacts-')


def _reimport(client, world, django_capture_on_commit_callbacks, name, content) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contacts/import/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_reads_its_own_export_back_unchanged(
    client, world, planted, django_capture_on_commit_callbacks, fmt
):
    client.force_login(world.secretariat_x)
    exported = _body(client.get(f"/swg/health/contacts.{fmt}"))
    html = _reimport(client, world, django_capture_on_commit_callbacks, f"back.{fmt}", exported)
    assert "0 contacts created, 0 updated." in html
    planted.refresh_from_db()
    assert (planted.name_en, planted.title, planted.mobile, planted.landline) == (
        HYPERLINK,
        CALC,
        PHONE,
        "-21 444 5555",
    )


def test_it_keeps_a_changed_phone_exactly_through_a_csv_round_trip(
    client, world, planted, django_capture_on_commit_callbacks
):
    client.force_login(world.secretariat_x)
    exported = _body(client.get("/contacts/export.csv")).decode("utf-8-sig")
    edited = exported.replace(PHONE, "+218 92 765 4321").replace("'=HYPERLINK", "'=HYPERLINK2")
    html = _reimport(
        client, world, django_capture_on_commit_callbacks, "edited.csv", edited.encode()
    )
    assert "0 contacts created, 1 updated." in html
    planted.refresh_from_db()
    assert (planted.mobile, planted.name_en) == ("+218 92 765 4321", '=HYPERLINK2("http://x","y")')
    assert Contact.objects.filter(email=planted.email).count() == 1


def test_it_keeps_a_line_break_in_a_name_out_of_the_vcard_structure(client, world, planted):
    planted.name_en = "Evil\r\nEMAIL:thief@evil.example"
    planted.save()
    client.force_login(world.secretariat_x)
    cards = list(
        vobject.readComponents(
            b"".join(client.get("/swg/health/contacts.vcf").streaming_content).decode()
        )
    )
    emails = {email.value for card in cards for email in card.contents["email"]}
    assert "thief@evil.example" not in emails
    assert planted.email in emails
