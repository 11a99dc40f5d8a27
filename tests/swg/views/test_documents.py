"""The archive's pages: uploads checked at the field with nothing saved,
downloads only through the permission check, search within reach
(swg/views/documents.py)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from swg.exchange.documents import PDF
from swg.models import Document, DocumentVersion
from swg.services.documents import document_upload
from tests.support.documents import docx_bytes, encrypted_pdf_bytes, pdf_bytes


def form(file, **overrides):
    return {
        "swg": overrides.pop("swg"),
        "title": "Health sector assessment",
        "description": "",
        "category": "report",
        "document_date": "2026-03-01",
        "language": "en",
        "visibility": "members",
        "meeting": "",
        "file": file,
        **overrides,
    }


def filed(world, visibility="secretariat", content=None):
    return document_upload(
        swg=world.swg_x,
        title="Budget note",
        category=Document.Category.REPORT,
        document_date=dt.date(2026, 3, 1),
        language="en",
        visibility=visibility,
        upload=SimpleUploadedFile("budget.pdf", content or pdf_bytes("Budget figures")),
        content_type=PDF,
        by=world.secretariat_x,
    )


def test_the_secretariat_files_a_document(client, world):
    client.force_login(world.secretariat_x)
    upload = SimpleUploadedFile("assessment.pdf", pdf_bytes("Assessment"))
    response = client.post(reverse("swg:document_upload"), form(upload, swg=world.swg_x.pk))
    document = Document.objects.get()
    assert response["Location"] == document.get_absolute_url()
    assert document.versions.get().content_type == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", docx_bytes("Renamed"), "content is"),
        ("report.docx", pdf_bytes("Renamed"), "content is"),
        ("empty.pdf", b"", "empty"),
        ("secret.pdf", encrypted_pdf_bytes("Secret"), "password"),
        ("notes.txt", b"plain text notes", "not accepted"),
    ],
)
def test_a_bad_upload_is_rejected_at_the_field_and_nothing_is_saved(
    client, world, name, content, message
):
    client.force_login(world.secretariat_x)
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("swg:document_upload"), form(upload, swg=world.swg_x.pk))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors.get("file", []))
    assert message in errors or (message == "empty" and errors)
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()


def test_an_oversized_upload_is_rejected(client, world, settings):
    settings.DOCUMENT_MAX_BYTES = 100
    client.force_login(world.secretariat_x)
    upload = SimpleUploadedFile("big.pdf", pdf_bytes("x" * 200))
    response = client.post(reverse("swg:document_upload"), form(upload, swg=world.swg_x.pk))
    assert "at most" in " ".join(response.context["form"].errors["file"])
    assert not Document.objects.exists()


def test_the_secretariat_cannot_file_in_another_group(client, world):
    client.force_login(world.secretariat_y)
    upload = SimpleUploadedFile("a.pdf", pdf_bytes("x"))
    response = client.post(reverse("swg:document_upload"), form(upload, swg=world.swg_x.pk))
    assert response.status_code == 400
    assert "swg" in response.context["form"].errors


def test_a_download_is_an_attachment_under_its_original_name(client, world):
    document = filed(world)
    client.force_login(world.secretariat_x)
    response = client.get(document.versions.get().get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="budget.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes("Budget figures")


def test_a_partner_cannot_download_a_secretariat_only_document(client, world):
    document = filed(world, visibility="secretariat")
    url = document.versions.get().get_download_url()
    for user in (world.partner_a, world.partner_b, world.secretariat_y):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(document.get_absolute_url()).status_code == 404


def test_members_download_a_members_document_and_others_do_not(client, world):
    document = filed(world, visibility="members")
    url = document.versions.get().get_download_url()
    client.force_login(world.partner_a)  # WHO is a member of Health
    assert client.get(url).status_code == 200
    client.force_login(world.partner_b)  # the EU Delegation is not
    assert client.get(url).status_code == 404


def test_everybody_signed_in_downloads_an_all_users_document(client, world):
    document = filed(world, visibility="all")
    client.force_login(world.partner_b)
    assert client.get(document.versions.get().get_download_url()).status_code == 200


def test_a_version_of_another_document_is_not_found(client, world):
    mine, other = filed(world, visibility="all"), filed(world, visibility="secretariat")
    client.force_login(world.partner_b)
    url = reverse("swg:document_download", args=[mine.pk, other.versions.get().pk])
    assert client.get(url).status_code == 404


def test_a_partner_does_not_see_a_secretariat_only_document_in_the_list(client, world):
    filed(world, visibility="secretariat")
    client.force_login(world.partner_a)
    response = client.get(reverse("swg:document_list"), {"q": "Budget"})
    assert response.context["page"].paginator.count == 0
    assert b"Budget note" not in response.content


def test_the_list_searches_and_shows_the_passage(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        filed(world, visibility="members", content=pdf_bytes("The vaccination campaign budget"))
    client.force_login(world.partner_a)
    response = client.get(reverse("swg:document_list"), {"q": "vaccination"})
    assert response.context["page"].paginator.count == 1
    assert b"<mark>vaccination</mark>" in response.content


def test_a_new_version_keeps_the_earlier_one(client, world):
    document = filed(world)
    client.force_login(world.chair)
    url = reverse("swg:document_version_add", args=[document.pk])
    response = client.post(url, {"file": SimpleUploadedFile("v2.pdf", pdf_bytes("Version 2"))})
    assert response["Location"] == document.get_absolute_url()
    assert document.versions.count() == 2


def test_the_list_shows_the_newest_version_number(client, world):
    document = filed(world)
    client.force_login(world.chair)
    url = reverse("swg:document_version_add", args=[document.pk])
    client.post(url, {"file": SimpleUploadedFile("v2.pdf", pdf_bytes("Version 2"))})
    client.post(url, {"file": SimpleUploadedFile("v3.pdf", pdf_bytes("Version 3"))})
    response = client.get(reverse("swg:document_list"))
    assert [row.current_number for row in response.context["page"]] == [3]
    assert response.context["page"].paginator.count == 1


def test_a_partner_may_not_add_a_version(client, world):
    document = filed(world, visibility="members")
    client.force_login(world.partner_a)
    url = reverse("swg:document_version_add", args=[document.pk])
    assert client.get(url).status_code == 403


def test_the_details_change_with_history(client, world):
    document = filed(world)
    client.force_login(world.secretariat_x)
    response = client.post(
        reverse("swg:document_edit", args=[document.pk]),
        {
            "title": "Budget note 2026",
            "description": "Revised",
            "category": "report",
            "document_date": "2026-03-02",
            "language": "en",
            "visibility": "members",
            "meeting": "",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Budget note 2026"
    assert document.history.count() == 2
    page = client.get(document.get_absolute_url())
    assert b"Budget note 2026" in page.content
