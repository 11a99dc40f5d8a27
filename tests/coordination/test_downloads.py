"""A stored file leaves the portal as an attachment under a clean name."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from coordination.downloads import safe_filename, stored_file_response
from swg.models import ImportJob

CONTENT = b"email,organization\nsalma@who.example,WHO\n"


@pytest.fixture
def job(world):
    return ImportJob.objects.create(
        file=ContentFile(CONTENT, name="contacts.csv"),
        original_name="contacts.csv",
        created_by=world.secretariat_x,
    )


def test_it_streams_the_file_as_an_attachment_that_no_browser_renders(job):
    response = stored_file_response(job.file, filename="Health contacts.csv")

    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Disposition"] == 'attachment; filename="Health contacts.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"


def test_it_keeps_an_arabic_name(job):
    response = stored_file_response(job.file, filename="جهات الاتصال.csv")

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%D8%AC%D9%87%D8%A7%D8%AA%20"
        "%D8%A7%D9%84%D8%A7%D8%AA%D8%B5%D8%A7%D9%84.csv"
    )


@pytest.mark.parametrize(
    "given, clean",
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\amina\\contacts.csv", "contacts.csv"),
        ("invoice\u202excl.exe", "invoicexcl.exe"),  # no right-to-left disguise
        ("list\r\nSet-Cookie: a=b.csv", "listSet-Cookie: a=b.csv"),
        ("..htaccess", "htaccess"),
        ("", "download"),
        ("x" * 300 + ".xlsx", "x" * 145 + ".xlsx"),
    ],
)
def test_it_cleans_the_name_it_offers(given, clean):
    assert safe_filename(given) == clean


def test_a_file_removed_by_retention_answers_404(job):
    job.file.storage.delete(job.file.name)

    with pytest.raises(Http404):
        stored_file_response(job.file, filename=job.original_name)
