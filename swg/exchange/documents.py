"""What an archive upload is, read from its bytes, and the text inside it.

An upload is hostile until checked (OWASP file-upload advice). The form checks
only what needs no parsing: the size, the type its first bytes declare (the
``filetype`` signatures, never the name) and that the name's extension agrees,
a zip's directory (entries and unpacked size, before anything is unpacked) and
a PDF's encryption marker. Reading the text is parsing, so it runs in Celery
(``swg.services.documents.document_version_extract``) within page and character
limits; an XML part is parsed with defusedxml, which refuses DTDs, entities
and network access.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import filetype
from defusedxml import DefusedXmlException, ElementTree
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from coordination.storage import safe_extension

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"

# The types the archive takes (DESIGN §3: PDF, DOCX, XLSX, ODT, images) and the
# extensions a file of each type may carry.
ACCEPTED = {
    PDF: {".pdf"},
    DOCX: {".docx"},
    XLSX: {".xlsx"},
    ODT: {".odt"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
}
ZIP_BASED = {DOCX, XLSX, ODT}
# The compound-file container of old Office files and of every password-protected
# Office file (an encrypted .docx is no longer a zip).
COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_ENCRYPT = re.compile(rb"/Encrypt\b")
CHUNK = 1024 * 1024
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocumentRejected(ValueError):
    """An upload the archive does not take; the message is for the user."""


@dataclass(frozen=True)
class DocumentLimits:
    max_bytes: int
    max_zip_entries: int
    max_unpacked_bytes: int
    max_pages: int
    max_chars: int

    @classmethod
    def from_settings(cls) -> DocumentLimits:
        return cls(
            max_bytes=settings.DOCUMENT_MAX_BYTES,
            max_zip_entries=settings.DOCUMENT_MAX_ZIP_ENTRIES,
            max_unpacked_bytes=settings.DOCUMENT_MAX_UNPACKED_BYTES,
            max_pages=settings.DOCUMENT_TEXT_MAX_PAGES,
            max_chars=settings.DOCUMENT_TEXT_MAX_CHARS,
        )


def _accepted_list() -> str:
    return "PDF, DOCX, XLSX, ODT, PNG, JPEG, GIF, WebP"


def document_check_upload(
    file: BinaryIO, *, name: str, size: int, limits: DocumentLimits | None = None
) -> str:
    """The content type of an acceptable upload, or ``DocumentRejected``."""
    limits = limits or DocumentLimits.from_settings()
    if size == 0:
        raise DocumentRejected(_("The file is empty."))
    if size > limits.max_bytes:
        raise DocumentRejected(
            _("The file is %(size)s; at most %(limit)s is accepted.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limits.max_bytes)}
        )
    file.seek(0)
    head = file.read(8192)
    file.seek(0)
    if head.startswith(COMPOUND_FILE):
        raise DocumentRejected(
            _(
                "This file is password-protected or in an old Office format (.doc, .xls). "
                "Save it as .docx or .xlsx without a password and upload it again."
            )
        )
    kind = filetype.guess(head)
    content_type = kind.mime if kind else None
    if content_type not in ACCEPTED:
        raise DocumentRejected(
            _("This kind of file is not accepted. Accepted: %(types)s.")
            % {"types": _accepted_list()}
        )
    extension = safe_extension(name)
    if extension not in ACCEPTED[content_type]:
        raise DocumentRejected(
            _(
                "The file's name ends in “%(extension)s” but its content is %(kind)s; "
                "give it the right extension."
            )
            % {"extension": extension or "—", "kind": sorted(ACCEPTED[content_type])[0]}
        )
    if content_type in ZIP_BASED:
        _check_zip(file, limits)
    if content_type == PDF and _pdf_is_encrypted(file):
        raise DocumentRejected(
            _("This PDF is password-protected; save it without a password and upload it again.")
        )
    return content_type


def _check_zip(file: BinaryIO, limits: DocumentLimits) -> None:
    """A zip-based document, judged from its directory alone (a "zip bomb" may
    unpack to gigabytes); nothing is unpacked here."""
    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DocumentRejected(_("The file is damaged: it cannot be opened.")) from None
    finally:
        file.seek(0)
    if len(parts) > limits.max_zip_entries or (
        sum(part.file_size for part in parts) > limits.max_unpacked_bytes
    ):
        raise DocumentRejected(
            _("The file unpacks to more than %(limit)s; it is not accepted.")
            % {"limit": filesizeformat(limits.max_unpacked_bytes)}
        )


def _pdf_is_encrypted(file: BinaryIO) -> bool:
    """The PDF's trailer names an /Encrypt dictionary (PDF 1.7 §7.6). A byte
    scan, chunk by chunk with an overlap: no parsing in the request."""
    file.seek(0)
    tail = b""
    try:
        while chunk := file.read(CHUNK):
            if PDF_ENCRYPT.search(tail + chunk):
                return True
            tail = chunk[-16:]
        return False
    finally:
        file.seek(0)


# ---------------------------------------------------------------- text (in Celery)


def document_text(content: bytes, *, content_type: str, limits: DocumentLimits | None = None):
    """The text of a PDF or DOCX, cut at the limits; None for other types.
    Raises ``ValueError`` for a file that cannot be read."""
    limits = limits or DocumentLimits.from_settings()
    if content_type == PDF:
        return _pdf_text(content, limits)
    if content_type == DOCX:
        return _docx_text(content, limits)
    return None


def _pdf_text(content: bytes, limits: DocumentLimits) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            return ""
        pieces, total = [], 0
        for page in reader.pages[: limits.max_pages]:
            text = page.extract_text() or ""
            pieces.append(text)
            total += len(text)
            if total >= limits.max_chars:
                break
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(str(error)) from error
    return "\n".join(pieces)[: limits.max_chars]


def _docx_text(content: bytes, limits: DocumentLimits) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > limits.max_unpacked_bytes:
                raise ValueError("word/document.xml is too large")
            xml = archive.read(info)
        root = ElementTree.fromstring(xml, forbid_dtd=True)
    except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError) as error:
        raise ValueError(str(error)) from error
    except DefusedXmlException as error:  # a DTD or an entity: refused, not expanded
        raise ValueError(str(error)) from error
    paragraphs, total = [], 0
    for paragraph in root.iter(f"{WORD_NS}p"):
        text = "".join(node.text or "" for node in paragraph.iter(f"{WORD_NS}t"))
        paragraphs.append(text)
        total += len(text) + 1
        if total >= limits.max_chars:
            break
    return "\n".join(paragraphs)[: limits.max_chars]
