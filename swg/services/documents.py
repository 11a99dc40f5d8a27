"""Writes of the document archive (DESIGN §3 "Document archive"; assessment
Annex 2e: "there is no hard-copy archive"): file a document, describe it, add
a version (earlier ones are kept), file what the portal itself produces, and
index the text of a version (in Celery: ``swg.tasks.document_version_extract``).

The upload was checked at the form (``swg.exchange.documents``); nothing here
opens it in the request. Search reads ``Document.search_text`` and, on
PostgreSQL, ``search_vector`` (English and Arabic configurations, GIN index).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination.history import history_attribute

from ..exchange import documents as document_files
from ..models import SWG, Document, DocumentVersion, Meeting, Minutes, TorVersion
from . import pdfs
from .common import refuse

logger = logging.getLogger(__name__)

# Full-text configurations of the archive: documents are in English or Arabic
# (DESIGN §2); 'arabic' is PostgreSQL's Snowball configuration.
SEARCH_CONFIGS = ("english", "arabic")
# A pending version whose indexing task never ran (broker down) is queued again.
PENDING_AGAIN_AFTER = dt.timedelta(minutes=5)


def _check_meeting(swg: SWG, meeting: Meeting | None) -> None:
    if meeting is not None and meeting.swg_id != swg.pk:
        refuse(_("Choose a meeting of this working group."), "meeting")


def _sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _queue_extraction(version_id: int) -> None:
    from ..tasks import document_version_extract  # the task module imports this one

    document_version_extract.delay(version_id)


def _version_add(*, document: Document, upload, filename: str, content_type: str, by):
    number = (document.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=filename[:255],
        content_type=content_type,
        size=upload.size,
        sha256=_sha256(upload),
        uploaded_by=by,
        extraction=(
            DocumentVersion.Extraction.PENDING
            if content_type in (document_files.PDF, document_files.DOCX)
            else DocumentVersion.Extraction.NONE
        ),
    )
    version.file.save(filename, upload, save=False)
    history_attribute(version, by=by).save()
    document_search_refresh(document=document)
    if version.extraction == DocumentVersion.Extraction.PENDING:
        # robust: with the broker down the upload is kept; the sweep queues it again.
        transaction.on_commit(functools.partial(_queue_extraction, version.pk), robust=True)
    return version


@transaction.atomic
def document_upload(
    *,
    swg: SWG,
    title: str,
    description: str = "",
    category: str,
    document_date: dt.date,
    language: str,
    visibility: str,
    meeting: Meeting | None = None,
    upload,
    content_type: str,
    by=None,
) -> Document:
    """A new document with its first version."""
    _check_meeting(swg, meeting)
    document = Document(
        swg=swg,
        title=title,
        description=description,
        category=category,
        document_date=document_date,
        language=language,
        visibility=visibility,
        meeting=meeting,
        created_by=by,
    )
    history_attribute(document, by=by).save()
    _version_add(
        document=document,
        upload=upload,
        filename=upload.name,
        content_type=content_type,
        by=by,
    )
    return document


@transaction.atomic
def document_update(
    *,
    document: Document,
    title: str,
    description: str,
    category: str,
    document_date: dt.date,
    language: str,
    visibility: str,
    meeting: Meeting | None,
    by=None,
) -> Document:
    """New details for a document (its group does not change)."""
    _check_meeting(document.swg, meeting)
    document.title = title
    document.description = description
    document.category = category
    document.document_date = document_date
    document.language = language
    document.visibility = visibility
    document.meeting = meeting
    history_attribute(document, by=by).save()
    document_search_refresh(document=document)
    return document


@transaction.atomic
def document_version_add(
    *, document: Document, upload, content_type: str, by=None
) -> DocumentVersion:
    """A new upload of the same document: it becomes the current version and
    the earlier ones stay downloadable."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    version = _version_add(
        document=document,
        upload=upload,
        filename=upload.name,
        content_type=content_type,
        by=by,
    )
    history_attribute(document, by=by).save(update_fields=["updated_at"])
    return version


@transaction.atomic
def document_file_generated(
    *,
    swg: SWG,
    category: str,
    title: str,
    language: str,
    meeting: Meeting | None,
    visibility: str,
    filename: str,
    content: bytes,
    content_type: str,
    generated_key: str,
) -> Document:
    """File a document the portal produced (minutes, agenda, list of
    participants) when it is circulated or sent (DESIGN §3). The same
    ``generated_key`` again (a regenerated PDF) becomes a new version of the
    same document; identical content adds nothing."""
    if not content:
        raise ValidationError(_("A generated document cannot be empty."))
    if content_type not in document_files.ACCEPTED:
        raise ValidationError(f"{content_type!r} is not a type the archive takes.")
    _check_meeting(swg, meeting)
    document = Document.objects.select_for_update().filter(generated_key=generated_key).first()
    if document is None:
        document = Document(
            swg=swg,
            title=title,
            category=category,
            document_date=meeting.starts_at.astimezone(timezone.get_current_timezone()).date()
            if meeting is not None
            else timezone.localdate(),
            language=language,
            visibility=visibility,
            meeting=meeting,
            generated_key=generated_key,
        )
        history_attribute(document).save()
    else:
        current = document.versions.order_by("-number").first()
        if current is not None and current.sha256 == hashlib.sha256(content).hexdigest():
            return document
        document.title = title
        document.visibility = visibility
        document.language = language
        history_attribute(document).save()
    _version_add(
        document=document,
        upload=ContentFile(content, name=filename),
        filename=filename,
        content_type=content_type,
        by=None,
    )
    return document


def current_version(document: Document) -> DocumentVersion | None:
    return document.versions.order_by("-number").first()


def document_search_refresh(*, document: Document) -> None:
    """Search text (title, description, current version's text) and, on
    PostgreSQL, its vector in both configurations."""
    version = current_version(document)
    text = "\n".join(
        part for part in (document.title, document.description, version and version.text) if part
    )
    Document.objects.filter(pk=document.pk).update(search_text=text)
    if connection.vendor == "postgresql":
        vector = SearchVector("search_text", config=SEARCH_CONFIGS[0])
        for config in SEARCH_CONFIGS[1:]:
            vector = vector + SearchVector("search_text", config=config)
        Document.objects.filter(pk=document.pk).update(search_vector=vector)


def document_version_extract(*, version_id: int) -> str:
    """The indexing job: read the text of a PDF or DOCX version within the
    limits (swg.exchange.documents) and refresh its document's search. A
    second delivery of the same version does nothing."""
    with transaction.atomic():
        version = (
            DocumentVersion.objects.select_for_update()
            .select_related("document")
            .filter(pk=version_id, extraction=DocumentVersion.Extraction.PENDING)
            .first()
        )
        if version is None:
            return "skipped"
        try:
            with version.file.open("rb") as handle:
                content = handle.read()
            text = document_files.document_text(content, content_type=version.content_type)
        except (ValueError, OSError) as error:
            logger.warning("document version %s could not be read: %s", version_id, error)
            version.extraction = DocumentVersion.Extraction.FAILED
            text = ""
        else:
            version.extraction = (
                DocumentVersion.Extraction.DONE if text else DocumentVersion.Extraction.NONE
            )
        # Control characters (NUL above all) cannot be stored in PostgreSQL text.
        version.text = "".join(ch for ch in (text or "") if ch >= " " or ch in "\n\t")
        DocumentVersion.objects.filter(pk=version.pk).update(
            text=version.text, extraction=version.extraction
        )
        document_search_refresh(document=version.document)
        return version.extraction


def document_versions_requeue(*, older_than: dt.timedelta = PENDING_AGAIN_AFTER) -> int:
    """Queue again the versions still waiting to be indexed (the broker was
    down when they were uploaded)."""
    ids = list(
        DocumentVersion.objects.filter(
            extraction=DocumentVersion.Extraction.PENDING,
            uploaded_at__lt=timezone.now() - older_than,
        ).values_list("pk", flat=True)[:100]
    )
    for version_id in ids:
        _queue_extraction(version_id)
    return len(ids)


# Both languages are filed: the archive serves English and Arabic readers alike
# (assessment Annex 2b: the Ministry asked for Arabic versions of SWG documents).
FILED_LANGUAGES = ("en", "ar")
MINUTES_TITLE = gettext_lazy("Minutes")
PARTICIPANTS_TITLE = gettext_lazy("List of participants")
TOR_TITLE = gettext_lazy("Terms of reference")


def meeting_records_file(*, minutes_id: int) -> list[Document]:
    """File circulated minutes and their meeting's list of participants as PDFs
    in English and Arabic (DESIGN §3 "Document archive": what the portal
    produces files itself). Keyed by meeting, so a circulated correction of the
    minutes becomes a new version of the same document. Runs in Celery
    (``swg.tasks.meeting_records_file``), queued when minutes are circulated."""
    minutes = Minutes.objects.select_related("meeting__swg").get(pk=minutes_id)
    if minutes.status != Minutes.Status.CIRCULATED:
        return []
    meeting = minutes.meeting
    filed = []
    for language in FILED_LANGUAGES:
        with transaction.atomic():
            filed.append(
                document_file_generated(
                    swg=meeting.swg,
                    category=Document.Category.MINUTES,
                    title=_title_in(language, MINUTES_TITLE, meeting),
                    language=language,
                    meeting=meeting,
                    visibility=Document.Visibility.MEMBERS,
                    filename=pdfs.minutes_pdf_filename(minutes=minutes, language=language),
                    content=pdfs.minutes_pdf(minutes=minutes, language=language),
                    content_type="application/pdf",
                    generated_key=f"meeting:{meeting.pk}:minutes:{language}",
                )
            )
            filed.append(
                document_file_generated(
                    swg=meeting.swg,
                    category=Document.Category.PARTICIPANTS,
                    title=_title_in(language, PARTICIPANTS_TITLE, meeting),
                    language=language,
                    meeting=meeting,
                    visibility=Document.Visibility.MEMBERS,
                    filename=pdfs.meeting_sign_in_sheet_filename(
                        meeting=meeting, language=language
                    ),
                    content=pdfs.meeting_sign_in_sheet_pdf(meeting=meeting, language=language),
                    content_type="application/pdf",
                    generated_key=f"meeting:{meeting.pk}:participants:{language}",
                )
            )
    return filed


def tor_file(*, version_id: int) -> list[Document]:
    """File a group's endorsed terms of reference in English and Arabic, for
    everybody who signs in (DESIGN §3: the endorsed version is the one shown).
    Each endorsement adds a version of the same two documents. Runs in Celery
    (``swg.tasks.tor_file``), queued when the chair endorses."""
    version = TorVersion.objects.select_related("swg").get(pk=version_id)
    if version.swg is None or version.status != TorVersion.Status.ENDORSED:
        return []  # the generic TOR belongs to no group's archive
    filed = []
    for language in FILED_LANGUAGES:
        with transaction.atomic():
            with translation.override(language):
                title = f"{TOR_TITLE} — {version.swg.name}"
            filed.append(
                document_file_generated(
                    swg=version.swg,
                    category=Document.Category.TOR,
                    title=title,
                    language=language,
                    meeting=None,
                    visibility=Document.Visibility.ALL,
                    filename=pdfs.tor_pdf_filename(version=version, language=language),
                    content=pdfs.tor_pdf(version=version, language=language),
                    content_type="application/pdf",
                    generated_key=f"tor:{version.swg.slug}:{language}",
                )
            )
    return filed


def _title_in(language: str, label, meeting: Meeting) -> str:
    """ "Minutes — Health — 10 Apr 2026" in the document's own language."""
    with translation.override(language):
        day = date_format(timezone.localtime(meeting.starts_at).date(), "DATE_FORMAT")
        return f"{label} — {meeting.swg.name} — {day}"
