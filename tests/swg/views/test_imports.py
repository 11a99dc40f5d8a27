"""Contact import files: stored privately under a random name, given back only
to the person who uploaded them, as an attachment under the original name."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from swg.models import ImportJob

CONTENT = b"email,organization\nsalma@who.example,WHO\n"


@pytest.fixture
def job(client, world, settings):
    client.force_login(world.secretariat_x)
    upload = SimpleUploadedFile("Health contacts.csv", CONTENT, content_type="text/csv")
    response = client.post(reverse("swg:contact_import"), {"file": upload})
    assert response.status_code == 302, response.content
    client.logout()
    return ImportJob.objects.get(created_by=world.secretariat_x)


def test_it_stores_the_upload_under_a_random_private_name(job, settings):
    assert re.fullmatch(r"imports/\d{4}/\d{2}/[0-9a-f]{32}\.csv", job.file.name)
    assert job.original_name == "Health contacts.csv"
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / job.file.name).read_bytes() == CONTENT


def test_the_status_page_names_the_file_as_uploaded_with_a_download_link(client, world, job):
    client.force_login(world.secretariat_x)

    page = client.get(reverse("swg:contact_import_status", args=[job.pk])).content.decode()

    assert "Health contacts.csv" in page
    assert reverse("swg:contact_import_file", args=[job.pk]) in page
    assert job.file.name not in page


def test_the_uploader_downloads_the_file_as_an_attachment(client, world, job):
    client.force_login(world.secretariat_x)

    response = client.get(reverse("swg:contact_import_file", args=[job.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Health contacts.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == CONTENT


@pytest.mark.parametrize("who", ["partner_b", "partner_a", "secretariat_y", "coordination"])
def test_nobody_else_learns_the_file_exists(client, world, job, who):
    client.force_login(getattr(world, who))

    response = client.get(reverse("swg:contact_import_file", args=[job.pk]))

    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_login(client, job):
    response = client.get(reverse("swg:contact_import_file", args=[job.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
