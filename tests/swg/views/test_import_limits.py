"""Hostile and oversized uploads (swg/views/imports.py, swg/services/imports.py):
the upload request only stores the file; the job refuses what is over a limit
with a message that says which, and the page stays small however bad the file."""

import csv
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from swg.models import Contact, ImportJob
from tests.support.spreadsheets import csv_bytes, xlsx_bomb, xlsx_bytes

HEADER = ["name_en", "organization", "email", "mobile", "landline"]


@pytest.fixture
def upload(client, world, django_capture_on_commit_callbacks):
    """Post a file as secretariat_x. Returns the response and the job, which
    has not run yet: ``run()`` runs it as the worker would."""
    client.force_login(world.secretariat_x)

    def post(name, content):
        with django_capture_on_commit_callbacks() as queued:
            started = time.monotonic()
            response = client.post("/contacts/import/", {"file": SimpleUploadedFile(name, content)})
            elapsed = time.monotonic() - started
        assert response.status_code == 302, response.content.decode()[:2000]
        job = ImportJob.objects.get()

        def run():
            for callback in queued:
                callback()
            job.refresh_from_db()
            return client.get(response["Location"]).content.decode()

        return job, elapsed, run

    return post


def test_it_leaves_a_zip_bomb_to_the_job_which_refuses_it_unparsed(settings, upload):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 10 * 1024 * 1024
    job, elapsed, run = upload("contacts.xlsx", xlsx_bomb(uncompressed_mb=40))
    assert elapsed < 2
    assert (job.status, job.message) == (ImportJob.Status.QUEUED, "")  # the view did not parse

    started = time.monotonic()
    html = run()
    assert time.monotonic() - started < 2
    assert job.status == ImportJob.Status.FAILED
    assert "unpacks to 40.0\xa0MB" in job.message and "10.0\xa0MB" in job.message
    assert "unpacks to 40.0" in html


def test_it_refuses_more_rows_than_the_limit(settings, upload):
    settings.IMPORT_MAX_ROWS = 5
    rows = [HEADER, *([f"P{n}", "WHO", f"p{n}@who.example", "", ""] for n in range(6))]
    job, _elapsed, run = upload("contacts.csv", csv_bytes(rows))
    html = run()
    assert job.status == ImportJob.Status.FAILED
    assert "more than 5 rows" in job.message
    assert "more than 5 rows" in html
    assert not Contact.objects.filter(email="p0@who.example").exists()


def test_it_names_the_row_and_column_of_a_huge_csv_cell(upload):
    rows = [HEADER, ["x" * 200_000, "WHO", "long@who.example", "", ""]]
    job, _elapsed, run = upload("contacts.csv", csv_bytes(rows))
    html = run()
    assert job.status == ImportJob.Status.FAILED
    assert "Row 2, column A (name_en)" in job.message
    assert "200,000 characters" in html


def test_it_reports_missing_columns_from_the_job(upload):
    job, _elapsed, run = upload("contacts.csv", csv_bytes([["name_en", "email"], ["A", "a@x.ly"]]))
    assert job.status == ImportJob.Status.QUEUED
    assert "Missing column(s): organization." in run()


def test_it_shows_the_first_200_problems_and_counts_the_rest(client, upload):
    rows = [HEADER, *([f"P{n}", "Nowhere", f"p{n}@x.example", "", ""] for n in range(250))]
    job, _elapsed, run = upload("contacts.csv", csv_bytes(rows))
    html = run()
    assert job.status == ImportJob.Status.INVALID
    assert (len(job.errors), job.error_count) == (200, 250)
    assert "250 problems found; nothing was saved." in html
    assert "and 50 more" in html
    assert html.count("Unknown organization") == 200

    response = client.get(f"/contacts/import/{job.pk}/rejected.csv")
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rejected = list(csv.reader(io.StringIO(text)))
    assert rejected[0] == ["row", *HEADER, "errors"]
    assert [r[0] for r in rejected[1:]] == [str(n) for n in range(2, 252)]


def test_it_neutralises_formulas_in_the_rejected_rows_file(client, upload):
    rows = [HEADER, ['=HYPERLINK("http://x","y")', "Nowhere", "f@x.example", "", ""]]
    job, _elapsed, run = upload("contacts.csv", csv_bytes(rows))
    run()
    response = client.get(f"/contacts/import/{job.pk}/rejected.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][1] == '\'=HYPERLINK("http://x","y")'


def test_it_reads_phone_numbers_stored_as_numbers(upload):
    rows = [
        HEADER,
        ["Int", "WHO", "int@who.example", 218912345678, 218912345678],
        ["Exp", "WHO", "exp@who.example", 218912345678, 218912345678.0],
        ["Styled", "WHO", "styled@who.example", 218912345678, 21444555],
    ]
    content = xlsx_bytes(
        rows,
        stored={"E3": "2.18912345678E+11"},
        formats={"D4": "dd/mm/yyyy", "E4": "yyyy-mm-dd"},
    )
    job, _elapsed, run = upload("contacts.xlsx", content)
    run()
    assert job.status == ImportJob.Status.DONE, (job.message, job.errors)
    phones = dict(
        Contact.objects.filter(
            email__endswith="@who.example", name_en__in=["Int", "Exp", "Styled"]
        ).values_list("name_en", "landline")
    )
    assert phones == {"Int": "218912345678", "Exp": "218912345678", "Styled": "21444555"}
    assert set(
        Contact.objects.filter(name_en__in=["Int", "Exp", "Styled"]).values_list(
            "mobile", flat=True
        )
    ) == {"218912345678"}
