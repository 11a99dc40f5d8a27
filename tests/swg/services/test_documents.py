"""Filing documents, versions, generated documents and the indexing job
(swg/services/documents.py), and the search over them (swg/selectors/documents.py)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from swg.exchange.documents import DOCX, PDF
from swg.models import Document, DocumentVersion
from swg.selectors.documents import document_search, visible_documents, with_snippets
from swg.services.documents import (
    document_file_generated,
    document_upload,
    document_version_add,
    document_version_extract,
    meeting_records_file,
    tor_file,
)
from tests.factories import (
    approved_minutes,
    circulated_minutes,
    make_meeting,
    make_tor,
    tor_text,
)
from tests.support.documents import docx_bytes, pdf_bytes, png_bytes
from tests.support.services import need


def upload(world, content, name, content_type, *, visibility="members", title="Field report"):
    return document_upload(
        swg=world.swg_x,
        title=title,
        description="",
        category=Document.Category.REPORT,
        document_date=dt.date(2026, 3, 1),
        language=Document.Language.EN,
        visibility=visibility,
        upload=SimpleUploadedFile(name, content),
        content_type=content_type,
        by=world.secretariat_x,
    )


@pytest.fixture
def postgres():
    need(connection.vendor == "postgresql", "PostgreSQL full-text search")


def test_it_files_a_document_with_its_first_version(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(world, pdf_bytes("Desalination"), "report.pdf", PDF)
    version = document.versions.get()
    assert version.number == 1
    assert version.original_name == "report.pdf"
    assert version.extraction == DocumentVersion.Extraction.DONE
    assert "Desalination" in version.text
    # Stored under a random name, not the uploader's.
    assert "report" not in version.file.name
    assert document.history.count() == 1


def test_a_new_upload_is_a_new_version_and_the_earlier_one_is_kept(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(world, pdf_bytes("First draft"), "report.pdf", PDF)
        document_version_add(
            document=document,
            upload=SimpleUploadedFile("report-v2.pdf", pdf_bytes("Final text")),
            content_type=PDF,
            by=world.secretariat_x,
        )
    numbers = list(document.versions.values_list("number", flat=True))
    assert numbers == [2, 1]
    document.refresh_from_db()
    # Search reads the current version.
    assert "Final text" in document.search_text
    assert "First draft" not in document.search_text
    assert document.versions.get(number=1).file.read() == pdf_bytes("First draft")


def test_an_image_is_not_indexed(world):
    document = upload(world, png_bytes(), "photo.png", "image/png")
    assert document.versions.get().extraction == DocumentVersion.Extraction.NONE


def test_the_indexing_job_runs_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(world, pdf_bytes("Water"), "report.pdf", PDF)
    version = document.versions.get()
    assert document_version_extract(version_id=version.pk) == "skipped"


def test_an_unreadable_file_is_marked_and_kept(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(world, b"%PDF-1.7\nnot really a pdf", "broken.pdf", PDF)
    version = document.versions.get()
    assert version.extraction == DocumentVersion.Extraction.FAILED
    document.refresh_from_db()
    assert document.search_text == "Field report"


def test_a_meeting_of_another_group_is_refused(world):
    other = make_meeting(world, swg=world.swg_y)
    with pytest.raises(ValidationError):
        document_upload(
            swg=world.swg_x,
            title="Agenda",
            category=Document.Category.AGENDA,
            document_date=dt.date(2026, 3, 1),
            language="en",
            visibility="members",
            meeting=other,
            upload=SimpleUploadedFile("a.pdf", pdf_bytes("x")),
            content_type=PDF,
        )
    assert not Document.objects.exists()


def test_a_generated_document_is_filed_once_and_regenerated_as_a_version(world):
    meeting = make_meeting(world)
    args = {
        "swg": world.swg_x,
        "category": Document.Category.MINUTES,
        "title": "Minutes of the Health SWG",
        "language": "en",
        "meeting": meeting,
        "visibility": Document.Visibility.MEMBERS,
        "filename": "minutes.pdf",
        "content_type": PDF,
        "generated_key": f"minutes:{meeting.pk}",
    }
    first = document_file_generated(content=pdf_bytes("Version one"), **args)
    again = document_file_generated(content=pdf_bytes("Version one"), **args)
    second = document_file_generated(content=pdf_bytes("Version two"), **args)
    assert first.pk == again.pk == second.pk
    assert list(first.versions.values_list("number", flat=True)) == [2, 1]
    assert first.meeting == meeting
    assert Document.objects.count() == 1


def test_an_empty_generated_document_is_refused(world):
    with pytest.raises(ValidationError):
        document_file_generated(
            swg=world.swg_x,
            category=Document.Category.AGENDA,
            title="Agenda",
            language="en",
            meeting=None,
            visibility="members",
            filename="agenda.pdf",
            content=b"",
            content_type=PDF,
            generated_key="agenda:1",
        )


def test_search_finds_a_word_only_inside_a_pdf(world, postgres, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        wanted = upload(world, pdf_bytes("The desalination plant in Zuwara"), "a.pdf", PDF)
        upload(world, pdf_bytes("Primary health care"), "b.pdf", PDF, title="Other report")
    found = list(document_search(Document.objects.all(), "desalination"))
    assert found == [wanted]
    assert "desalination" not in wanted.title.lower()
    # English stemming: the plural finds the singular.
    assert list(document_search(Document.objects.all(), "plants")) == [wanted]


def test_search_finds_an_arabic_word_inside_a_docx(
    world, postgres, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        wanted = upload(world, docx_bytes("خطة تطوير محطة تحلية المياه"), "a.docx", DOCX)
        upload(world, docx_bytes("الرعاية الصحية الأولية"), "b.docx", DOCX, title="Other")
    found = list(document_search(Document.objects.all(), "تحلية"))
    assert found == [wanted]


def test_search_shows_the_matched_passage(world, postgres, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(world, pdf_bytes("The desalination plant in Zuwara"), "a.pdf", PDF)
    results = list(document_search(Document.objects.all(), "desalination"))
    with_snippets(results, "desalination")
    matched = [piece.text for piece in results[0].snippet if piece.matched]
    assert matched == ["desalination"]


def test_a_partner_cannot_find_a_secretariat_only_document(
    world, postgres, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(world, pdf_bytes("Confidential budget"), "a.pdf", PDF, visibility="secretariat")
    for user in (world.partner_a, world.partner_b, world.secretariat_y):
        assert not document_search(visible_documents(user), "budget").exists()
    assert document_search(visible_documents(world.secretariat_x), "budget").exists()


def test_the_plain_search_matches_the_text(world, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        wanted = upload(world, pdf_bytes("The desalination plant"), "a.pdf", PDF)
    results = list(Document.objects.filter(search_text__icontains="desalination"))
    assert results == [wanted]
    with_snippets(results, "Desalination")
    assert [p.text for p in results[0].snippet if p.matched] == ["desalination"]


def test_circulated_minutes_file_themselves_in_both_languages(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        minutes = circulated_minutes(world)
    filed = Document.objects.filter(meeting=minutes.meeting)
    assert sorted(filed.values_list("category", "language")) == [
        ("minutes", "ar"),
        ("minutes", "en"),
        ("participants", "ar"),
        ("participants", "en"),
    ]
    assert {d.visibility for d in filed} == {Document.Visibility.MEMBERS}
    arabic = filed.get(category="minutes", language="ar")
    assert world.swg_x.name_ar in arabic.title
    version = arabic.versions.get()
    with version.file.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_refiling_changed_minutes_adds_a_version_and_unchanged_adds_none(world):
    minutes = circulated_minutes(world)
    meeting_records_file(minutes_id=minutes.pk)
    meeting_records_file(minutes_id=minutes.pk)
    document = Document.objects.get(meeting=minutes.meeting, category="minutes", language="en")
    assert document.versions.count() == 1
    minutes.summary = "The group agreed a new vaccination calendar."
    minutes.save()
    meeting_records_file(minutes_id=minutes.pk)
    assert document.versions.count() == 2


def test_minutes_not_circulated_are_not_filed(world):
    minutes = approved_minutes(world)
    assert meeting_records_file(minutes_id=minutes.pk) == []
    assert not Document.objects.filter(meeting=minutes.meeting).exists()


def test_an_endorsed_tor_files_itself_for_everybody_in_both_languages(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = make_tor(world, status="endorsed")
    filed = Document.objects.filter(category=Document.Category.TOR, swg=world.swg_x)
    assert sorted(filed.values_list("language", flat=True)) == ["ar", "en"]
    assert {d.visibility for d in filed} == {Document.Visibility.ALL}
    assert world.swg_x.name_ar in filed.get(language="ar").title
    with django_capture_on_commit_callbacks(execute=True):
        make_tor(world, status="endorsed", text=tor_text("v2"))
    assert filed.get(language="en").versions.count() == 2
    assert tor_file(version_id=version.pk) == []  # superseded: nothing filed again
