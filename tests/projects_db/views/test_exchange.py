"""The project exchange pages: template, upload, preview, confirmation,
rejected rows, and the export of the list as filtered."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree
from openpyxl import load_workbook

from projects_db.exchange.iati import standard
from projects_db.models import Project
from swg.models import ImportJob
from tests.factories import make_project
from tests.support.spreadsheets import csv_bytes

pytestmark = pytest.mark.django_db

HEADER = ["Reporting organization", "Working group", "Title (English)", "Budget"]


def _upload(client, rows, name="projects.csv", **data):
    return client.post(
        reverse("projects_db:project_import"),
        {"file": SimpleUploadedFile(name, csv_bytes(rows)), **data},
    )


def test_a_partner_uploads_sees_the_preview_and_confirms(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, [HEADER, ["WHO", "health", "Clean water", "2026: 1000"]])
    job = ImportJob.objects.get(kind="projects")
    assert response["Location"] == reverse("projects_db:project_import_status", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Clean water" in page and 'data-group="new"' in page
    assert not Project.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("projects_db:project_import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Project.objects.get().owner == world.org_a


def test_errors_are_listed_and_the_rejected_rows_download(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.partner_a)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, [HEADER, ["WHO", "health", "Clean water", "2026: -3"]])
    job = ImportJob.objects.get(kind="projects")
    page = client.get(reverse("projects_db:project_import_status", args=[job.pk])).content.decode()
    assert "cannot be negative" in page and "<code>Budget</code>" in page
    download = client.get(reverse("projects_db:project_import_errors", args=[job.pk]))
    assert b"cannot be negative" in b"".join(download.streaming_content)


def test_a_file_of_the_wrong_type_is_refused_at_the_upload(client, world):
    client.force_login(world.partner_a)
    response = client.post(
        reverse("projects_db:project_import"),
        {"file": SimpleUploadedFile("projects.pdf", b"%PDF-1.4")},
    )
    assert response.status_code == 200
    assert "Upload a .xlsx, .csv or IATI .xml file." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_template_has_instructions_lists_and_the_partners_projects(client, world):
    mine = make_project(owner=world.org_a, swg=world.swg_x)
    make_project(owner=world.org_b, swg=world.swg_y, title_en="Not WHO's")
    client.force_login(world.partner_a)
    response = client.get(reverse("projects_db:project_import_template"), {"language": "ar"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(workbook.sheetnames) == 7  # projects, instructions, four lists, districts
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [mine.pk]
    lists = {str(v.sqref)[0] for v in sheet.data_validations.dataValidation}
    assert {"L", "R", "Y"} <= lists  # status, nationwide, currency offer their lists


def test_the_export_is_the_filtered_visible_list(client, world):
    published = make_project(
        owner=world.org_b, swg=world.swg_y, publish=True, title_en="School meals"
    )
    make_project(owner=world.org_b, swg=world.swg_y, title_en="Teacher training draft")
    make_project(owner=world.org_a, swg=world.swg_x, title_en="Vaccination")
    client.force_login(world.partner_a)
    url = reverse("projects_db:project_export", args=["csv"])
    text = b"".join(client.get(url, {"swg": world.swg_y.pk}).streaming_content).decode()
    assert "School meals" in text
    assert "Teacher training draft" not in text and "Vaccination" not in text
    xml = client.get(reverse("projects_db:project_export", args=["xml"])).content
    assert standard.schema_errors(etree.ElementTree(etree.fromstring(xml))) == []
    assert str(published.pk).encode() in xml and b"Teacher training draft" not in xml


def test_somebody_elses_import_is_not_found(client, world):
    job = ImportJob.objects.create(
        kind="projects", original_name="p.csv", created_by=world.partner_a
    )
    client.force_login(world.coordination)
    url = reverse("projects_db:project_import_status", args=[job.pk])
    assert client.get(url).status_code == 404


def test_a_contact_import_is_not_shown_as_a_project_import(client, world):
    job = ImportJob.objects.create(
        kind="contacts", original_name="c.csv", created_by=world.partner_a
    )
    client.force_login(world.partner_a)
    url = reverse("projects_db:project_import_status", args=[job.pk])
    assert client.get(url).status_code == 404


def test_the_preview_names_the_changed_columns(client, world, django_capture_on_commit_callbacks):
    project = make_project(owner=world.org_a, swg=world.swg_x)
    client.force_login(world.partner_a)
    exported = b"".join(
        client.get(reverse("projects_db:project_export", args=["csv"])).streaming_content
    )
    edited = exported.replace(project.title_en.encode(), b"Primary care in Fezzan")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("projects_db:project_import"),
            {"file": SimpleUploadedFile("edited.csv", edited)},
        )
    job = ImportJob.objects.get(kind="projects")
    page = client.get(reverse("projects_db:project_import_status", args=[job.pk])).content
    assert b'data-group="changed"' in page and b"Title (English)" in page
