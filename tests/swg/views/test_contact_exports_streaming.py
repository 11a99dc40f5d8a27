"""The all-contacts exports stream (docs/architecture.md "Long work"): the
memory a download takes does not grow with the number of contacts."""

import gc
import tracemalloc

import pytest

from coordination.spreadsheets import writer
from swg.models import Contact, Organization
from swg.selectors import contacts as contact_selectors

FORMATS = ["csv", "xlsx", "vcf"]


def _add_contacts(count: int, *, start: int) -> None:
    organization = Organization.objects.create(
        name_en=f"Bulk organization {start}", acronym=f"BULK{start}", org_type="un"
    )
    Contact.objects.bulk_create(
        Contact(
            name_en=f"Person number {n} with a longer name",
            name_ar=f"شخص رقم {n}",
            title_en="Programme officer for coordination",
            email=f"bulk{n}@example.org",
            mobile="+218 91 234 5678",
            organization=organization,
        )
        for n in range(start, start + count)
    )


def _peak_while_downloading(client, fmt: str) -> tuple[int, int]:
    """(peak bytes allocated, bytes of the file) for one export download."""
    gc.collect()
    tracemalloc.start()
    try:
        response = client.get(f"/contacts/export.{fmt}")
        assert response.status_code == 200
        size = sum(len(piece) for piece in response.streaming_content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, size


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_all_contacts_export_takes_the_same_memory_for_five_times_the_rows(
    client, world, fmt, monkeypatch
):
    # A workbook is spooled in memory up to a few megabytes, then on disk: a
    # small threshold here shows what happens beyond it.
    monkeypatch.setattr(writer, "SPOOL_BYTES", 16 * 1024)
    # The rows come a chunk at a time, and while the next chunk is fetched the
    # last one is still held: two chunks' worth. Small chunks here, so that both
    # sizes span many chunks and only growth with the rows would show.
    monkeypatch.setattr(contact_selectors, "EXPORT_CHUNK_ROWS", 100)
    client.force_login(world.coordination)
    _add_contacts(600, start=0)
    small_peak, small_size = _peak_while_downloading(client, fmt)
    _add_contacts(2400, start=600)
    large_peak, large_size = _peak_while_downloading(client, fmt)
    assert large_size > 3 * small_size  # the file did grow with the rows
    # Held in memory, five times the rows would take several times the memory.
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)


def test_a_streamed_export_still_holds_every_contact(client, world):
    client.force_login(world.coordination)
    _add_contacts(1200, start=0)
    response = client.get("/contacts/export.vcf")
    body = b"".join(response.streaming_content).decode()
    assert body.count("BEGIN:VCARD") == Contact.objects.count()
    assert "bulk1199@example.org" in body
