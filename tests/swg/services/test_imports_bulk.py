"""The contact import checks and writes in bulk (docs/architecture.md "Long
work"): the same queries for ten times the rows, and an update keeps its
history like a change made in a form."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from swg.models import Contact, ImportJob
from swg.services import imports
from tests.support.spreadsheets import xlsx_bytes

HEADER = ["name_en", "name_ar", "organization", "email", "mobile"]


def _rows(count: int, *, start: int = 0, suffix: str = "") -> list[list[str]]:
    return [
        [f"Person {n}{suffix}", f"شخص {n}", "WHO", f"bulk{n}@who.example", "+218 91 234 5678"]
        for n in range(start, start + count)
    ]


@pytest.fixture
def run_import(world, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(imports, "_queue", lambda job_id: None)
    # Progress is written by the clock (every IMPORT_PROGRESS_SECONDS); counted
    # here are the reads and writes of the rows themselves.
    monkeypatch.setattr(imports, "HEARTBEAT_SECONDS", 3600)

    def run(rows) -> tuple[str, int]:
        job = imports.import_job_start(
            upload=ContentFile(xlsx_bytes([HEADER, *rows]), name="contacts.xlsx"),
            kind="contacts",
            by=world.secretariat_x,
        )
        with CaptureQueriesContext(connection) as queries:
            status = imports.import_job_run(job_id=job.pk)
        return status, len(queries)

    with override_settings(IMPORT_PROGRESS_SECONDS=3600):
        yield run


def test_an_import_runs_the_same_queries_for_ten_times_the_rows(run_import):
    status, few = run_import(_rows(30))
    assert status == ImportJob.Status.DONE
    status, many = run_import(_rows(300, start=30))
    assert status == ImportJob.Status.DONE
    assert Contact.objects.filter(email__startswith="bulk").count() == 330
    assert many == few


def test_a_reimport_updates_in_bulk_and_records_who_changed_each_contact(run_import, world):
    run_import(_rows(40))
    status, _queries = run_import(_rows(40, suffix=" (new title)"))
    assert status == ImportJob.Status.DONE
    contact = Contact.objects.get(email="bulk7@who.example")
    assert contact.name_en == "Person 7 (new title)"
    latest = contact.history.order_by("-history_date", "-history_id").first()
    assert latest.history_type == "~" and latest.history_user == world.secretariat_x
    assert contact.history.count() == 2
