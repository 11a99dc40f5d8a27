"""Contact import through the page: all-or-nothing, every error with its row
and column, no duplicates on a second import (swg/services/contacts.py, swg/exchange/contacts.py)."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from swg.models import Contact, ImportJob

HEADER = ["name_en", "name_ar", "organization", "email", "gender"]
GOOD = [
    HEADER,
    ["Fatima Zahra", "فاطمة الزهراء", "WHO", "fatima@who.example", "f"],
    ["Yusuf Idris", "يوسف إدريس", "EUD", "yusuf@eud.example", "m"],
]
BAD = [
    HEADER,
    ["Fatima Zahra", "فاطمة الزهراء", "WHO", "not-an-email", "f"],
    ["Yusuf Idris", "يوسف إدريس", "Nowhere Inc", "yusuf@eud.example", "m"],
    ["", "", "WHO", "nameless@who.example", "q"],
]


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def upload(client, world, django_capture_on_commit_callbacks):
    """Post a file as secretariat_x; the queued task runs when the request commits."""
    client.force_login(world.secretariat_x)

    def post(name, content):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/contacts/import/", {"file": SimpleUploadedFile(name, content)})

    return post


def test_it_imports_a_csv_with_arabic_names(client, upload):
    response = upload("contacts.csv", _csv(GOOD))
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "2 rows checked: 2 contacts created, 0 updated." in html
    fatima = Contact.objects.get(email="fatima@who.example")
    assert (fatima.name_ar, fatima.organization.acronym) == ("فاطمة الزهراء", "WHO")


def test_it_imports_an_xlsx(client, upload):
    response = upload("contacts.xlsx", _xlsx(GOOD))
    html = client.get(response["Location"]).content.decode()
    assert "2 rows checked: 2 contacts created, 0 updated." in html
    assert Contact.objects.get(email="yusuf@eud.example").name_ar == "يوسف إدريس"


def test_it_reports_every_bad_row_and_saves_nothing(client, world, upload):
    before = Contact.objects.count()
    response = upload("contacts.csv", _csv(BAD))
    html = client.get(response["Location"]).content.decode()
    assert "4 problems found; nothing was saved." in html
    for row, column, message in [
        (2, "email", "Enter a valid email address."),
        (3, "organization", "Unknown organization; use its acronym or name."),
        (4, "gender", "Use f, m or leave empty."),
        (4, "name_en", "Give the name in English or Arabic (or both)."),
    ]:
        assert f"<td>{row}</td><td><code>{column}</code></td><td>{message}</td>" in html
    assert Contact.objects.count() == before


def test_it_saves_nothing_when_only_one_row_is_bad(upload):
    upload("contacts.csv", _csv([*GOOD, ["Ali", "علي", "WHO", "broken@", "m"]]))
    assert not Contact.objects.filter(email="fatima@who.example").exists()
    assert ImportJob.objects.get().status == ImportJob.Status.INVALID


def test_it_offers_the_rejected_rows_as_csv(client, upload):
    upload("contacts.csv", _csv(BAD))
    job = ImportJob.objects.get()
    response = client.get(f"/contacts/import/{job.pk}/rejected.csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["row", *HEADER, "errors"]
    assert rows[1][:3] == ["2", "Fatima Zahra", "فاطمة الزهراء"]
    assert rows[1][-1] == "email: Enter a valid email address."
    assert [r[0] for r in rows[1:]] == ["2", "3", "4"]
    assert "gender: Use f, m or leave empty." in rows[3][-1]


def test_it_has_no_rejected_rows_for_a_good_import(client, upload):
    upload("contacts.csv", _csv(GOOD))
    job = ImportJob.objects.get()
    assert client.get(f"/contacts/import/{job.pk}/rejected.csv").status_code == 404


def test_it_creates_no_duplicates_on_a_second_import(client, upload):
    upload("contacts.csv", _csv(GOOD))
    count = Contact.objects.count()
    response = upload("contacts.csv", _csv(GOOD))
    html = client.get(response["Location"]).content.decode()
    assert "2 rows checked: 0 contacts created, 0 updated." in html
    assert Contact.objects.count() == count


def test_it_updates_a_known_email(client, upload):
    upload("contacts.csv", _csv(GOOD))
    changed = [HEADER, ["Fatima Z. Ali", "فاطمة علي", "WHO", "FATIMA@who.example", "f"]]
    response = upload("contacts.csv", _csv(changed))
    assert "0 contacts created, 1 updated." in client.get(response["Location"]).content.decode()
    assert Contact.objects.get(email="fatima@who.example").name_en == "Fatima Z. Ali"


def _field_error(response):
    assert response.status_code == 200
    assert not ImportJob.objects.exists()
    html = response.content.decode()
    assert 'id="error_1_id_file"' in html
    return html


def test_it_refuses_a_text_file_at_the_field(upload):
    html = _field_error(upload("contacts.txt", _csv(GOOD)))
    assert "Upload a .csv or .xlsx file." in html


def test_it_refuses_an_xlsx_that_is_not_a_zip(upload):
    html = _field_error(upload("contacts.xlsx", _csv(GOOD)))
    assert "This is not a valid Excel (.xlsx) file." in html


def test_it_refuses_an_empty_file(upload):
    html = _field_error(upload("contacts.csv", b""))
    assert "empty" in html


def test_it_refuses_a_file_over_the_size_limit(settings, upload):
    settings.IMPORT_MAX_BYTES = 100
    html = _field_error(upload("contacts.csv", _csv(GOOD * 3)))
    assert "The file is larger than" in html


def _job_error(client, response):
    """The upload was stored; the job refused the file with a message."""
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    html = client.get(response["Location"]).content.decode()
    assert job.message in html
    return job.message


def test_it_refuses_a_header_without_rows(client, upload):
    message = _job_error(client, upload("contacts.csv", _csv([HEADER])))
    assert message == "The file has no rows below its header."


def test_it_names_the_missing_columns(client, upload):
    response = upload("contacts.csv", _csv([["name_en", "email"], ["A", "a@b.example"]]))
    assert _job_error(client, response) == "Missing column(s): organization."


def test_it_reads_a_csv_saved_by_arabic_excel(client, upload):
    rows = [HEADER, ["Salma Ali", "سلمى علي", "WHO", "salma@who.example", "f"]]
    response = upload("contacts.csv", _csv(rows).decode().encode("cp1256"))
    assert "1 rows checked: 1 contacts created" in client.get(response["Location"]).content.decode()
    assert Contact.objects.get(email="salma@who.example").name_ar == "سلمى علي"


def test_it_forbids_a_partner_to_import(client, world):
    client.force_login(world.partner_a)
    response = client.post("/contacts/import/", {"file": SimpleUploadedFile("c.csv", _csv(GOOD))})
    assert response.status_code == 403
    assert not ImportJob.objects.exists()


def test_it_hides_another_users_import(client, world, upload):
    upload("contacts.csv", _csv(GOOD))
    client.force_login(world.secretariat_y)
    assert client.get(f"/contacts/import/{ImportJob.objects.get().pk}/").status_code == 404


def test_it_imports_names_without_direction_controls(client, upload):
    rows = [HEADER, ["\u202eFatima Zahra", "فاطمة\u2067 الزهراء", "WHO", "fatima@who.example", "f"]]
    upload("contacts.csv", _csv(rows))
    fatima = Contact.objects.get(email="fatima@who.example")
    assert (fatima.name_en, fatima.name_ar) == ("Fatima Zahra", "فاطمة الزهراء")
