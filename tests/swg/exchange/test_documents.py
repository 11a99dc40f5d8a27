"""An archive upload is judged by its bytes, not its name, and its text is
read within limits (swg/exchange/documents.py)."""

import io
import zipfile

import pytest

from swg.exchange.documents import (
    DOCX,
    ODT,
    PDF,
    XLSX,
    DocumentLimits,
    DocumentRejected,
    document_check_upload,
    document_text,
)
from tests.support.documents import (
    docx_bytes,
    encrypted_pdf_bytes,
    odt_bytes,
    pdf_bytes,
    png_bytes,
    xlsx_bytes,
)

LIMITS = DocumentLimits(
    max_bytes=100_000, max_zip_entries=20, max_unpacked_bytes=50_000, max_pages=5, max_chars=200
)


def check(content: bytes, name: str, limits=LIMITS) -> str:
    return document_check_upload(io.BytesIO(content), name=name, size=len(content), limits=limits)


@pytest.mark.parametrize(
    ("build", "name", "kind"),
    [
        (lambda: pdf_bytes("Water"), "report.pdf", PDF),
        (lambda: docx_bytes("Water"), "minutes.docx", DOCX),
        (xlsx_bytes, "budget.xlsx", XLSX),
        (odt_bytes, "note.odt", ODT),
        (png_bytes, "photo.png", "image/png"),
    ],
)
def test_it_accepts_each_type_by_its_content(build, name, kind):
    assert check(build(), name) == kind


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (pdf_bytes("Water"), "report.docx"),  # a PDF renamed
        (docx_bytes("Water"), "minutes.pdf"),  # a DOCX renamed
        (png_bytes(), "photo.pdf"),
        (b"MZ\x90\x00" + b"\x00" * 200, "report.pdf"),  # a Windows program
        (b"<html><script>alert(1)</script></html>", "page.pdf"),
    ],
)
def test_it_rejects_a_file_whose_name_lies_about_its_content(content, name):
    with pytest.raises(DocumentRejected):
        check(content, name)


def test_it_rejects_an_empty_file():
    with pytest.raises(DocumentRejected, match="empty"):
        check(b"", "empty.pdf")


def test_it_rejects_a_file_over_the_size_limit_before_reading_it():
    content = pdf_bytes("x" * 50)
    with pytest.raises(DocumentRejected, match="at most"):
        check(content, "big.pdf", limits=DocumentLimits(**{**LIMITS.__dict__, "max_bytes": 100}))


def test_it_rejects_a_password_protected_pdf():
    with pytest.raises(DocumentRejected, match="password"):
        check(encrypted_pdf_bytes("Secret"), "secret.pdf")


def test_it_rejects_a_password_protected_office_file():
    # An encrypted .docx is a compound file, not a zip.
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(DocumentRejected, match="password"):
        check(content, "secret.docx")


def test_it_rejects_a_docx_that_unpacks_too_far():
    content = docx_bytes("a" * 60_000)  # compresses well, unpacks past the limit
    with pytest.raises(DocumentRejected, match="unpacks"):
        check(content, "bomb.docx")


def test_it_reads_the_text_of_a_pdf():
    text = document_text(pdf_bytes("Desalination plant", "in Zuwara"), content_type=PDF)
    assert "Desalination plant" in text


def test_it_reads_the_arabic_text_of_a_docx():
    text = document_text(docx_bytes("محطة تحلية المياه"), content_type=DOCX)
    assert text == "محطة تحلية المياه"


def test_it_cuts_the_text_at_the_character_limit():
    text = document_text(docx_bytes("a" * 500), content_type=DOCX, limits=LIMITS)
    assert len(text) == LIMITS.max_chars


def test_it_refuses_entities_in_a_docx():
    xml = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x "boom">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(ValueError):
        document_text(docx_bytes(document_xml=xml), content_type=DOCX)


def test_it_reads_no_text_from_an_encrypted_pdf():
    assert document_text(encrypted_pdf_bytes("Secret"), content_type=PDF) == ""


def test_it_reads_no_text_from_an_image():
    assert document_text(png_bytes(), content_type="image/png") is None


def test_a_docx_without_its_document_part_cannot_be_read():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/other.xml", "<x/>")
    with pytest.raises(ValueError):
        document_text(out.getvalue(), content_type=DOCX)
