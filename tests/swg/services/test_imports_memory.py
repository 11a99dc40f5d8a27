"""A contact import's memory does not grow with its rows (docs/architecture.md
"Long work"): rows wait on disk between reading, checking and writing, and are
written a chunk at a time inside the one transaction."""

import gc
import tracemalloc

import pytest
from django.core.files.base import ContentFile

from swg.models import Contact, ImportJob
from swg.services import contacts, imports
from tests.support.spreadsheets import xlsx_bytes

HEADER = ["name_en", "name_ar", "title_en", "organization", "email", "mobile"]


def _file(count: int, *, start: int, bad_row: int | None = None) -> bytes:
    rows = [
        [
            f"Person number {n} with a longer name",
            f"شخص رقم {n}",
            "Programme officer for coordination",
            "WHO",
            "not an email" if n == bad_row else f"bulk{n}@who.example",
            "+218 91 234 5678",
        ]
        for n in range(start, start + count)
    ]
    return xlsx_bytes([HEADER, *rows])


@pytest.fixture
def run_import(world, monkeypatch):
    monkeypatch.setattr(imports, "_queue", lambda job_id: None)
    # Beyond a few kilobytes the rows go to disk: a small threshold here shows
    # what happens to a file of any size. Chunks of 100 rows for the same reason.
    monkeypatch.setattr(imports, "SPOOL_BYTES", 16 * 1024)
    monkeypatch.setattr(contacts, "WRITE_BATCH", 100)

    def run(content: bytes) -> tuple[str, int]:
        job = imports.import_job_start(
            upload=ContentFile(content, name="contacts.xlsx"),
            kind="contacts",
            by=world.secretariat_x,
        )
        gc.collect()
        tracemalloc.start()
        try:
            status = imports.import_job_run(job_id=job.pk)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        return status, peak

    return run


def test_an_import_takes_the_same_memory_for_five_times_the_rows(run_import):
    run_import(_file(50, start=10_000))  # the first run loads what every run uses
    status, small_peak = run_import(_file(500, start=0))
    assert status == ImportJob.Status.DONE
    status, large_peak = run_import(_file(2500, start=500))
    assert status == ImportJob.Status.DONE
    assert Contact.objects.filter(email__startswith="bulk").count() == 3050
    # Held in memory, five times the rows would take several times the memory.
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)


def test_a_problem_in_the_last_rows_saves_nothing(run_import):
    status, _peak = run_import(_file(450, start=0, bad_row=420))
    assert status == ImportJob.Status.INVALID
    assert not Contact.objects.filter(email__startswith="bulk").exists()


def test_a_failure_while_writing_the_last_chunk_saves_nothing(run_import, monkeypatch):
    real = contacts._write_chunk
    written = []

    def write_chunk(rows, result, by):
        if len(written) == 4:
            raise RuntimeError("the database went away")
        written.append(len(rows))
        real(rows, result, by)

    monkeypatch.setattr(contacts, "_write_chunk", write_chunk)
    status, _peak = run_import(_file(450, start=0))
    assert status == ImportJob.Status.FAILED and written == [100, 100, 100, 100]
    assert not Contact.objects.filter(email__startswith="bulk").exists()
