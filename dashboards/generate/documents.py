"""The document archive: documents of every category, some filed against a
meeting, each with a first version (and a few with a second) whose file is one
small shared text file, already indexed for search as
swg/services/documents.py leaves an indexed version."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.contrib.postgres.search import SearchVector
from django.core.files.base import ContentFile

from swg.models import Document, DocumentVersion
from swg.services.documents import SEARCH_CONFIGS

from .base import Run, is_postgresql, weighted

D = Document.Category
BLOB_NAME = "documents/generated/sample.txt"
BLOB = (
    b"Sector working group document. Members reviewed the work plan, the mapping of "
    b"projects and the needs of the southern districts.\n"
)
TITLES = {
    D.TOR: "Terms of reference",
    D.AGENDA: "Agenda",
    D.MINUTES: "Minutes",
    D.PARTICIPANTS: "List of participants",
    D.REPORT: "Progress report",
    D.CONCEPT_NOTE: "Concept note",
    D.CORRESPONDENCE: "Letter to the members",
    D.PRESENTATION: "Presentation",
    D.OTHER: "Background note",
}


def _shared_file() -> str:
    storage = DocumentVersion._meta.get_field("file").storage
    if not storage.exists(BLOB_NAME):
        return storage.save(BLOB_NAME, ContentFile(BLOB))
    return BLOB_NAME


def build_documents(run: Run) -> None:
    rng, today = run.rng, run.today
    with run.group("documents"):
        name = _shared_file()
        digest = hashlib.sha256(BLOB).hexdigest()
        text = BLOB.decode()
        documents, meetings = [], []
        for index in range(run.plan.n(5000)):
            swg = run.swgs[index % len(run.swgs)]
            category = weighted(
                rng,
                [
                    (D.MINUTES, 0.2),
                    (D.AGENDA, 0.2),
                    (D.PARTICIPANTS, 0.1),
                    (D.REPORT, 0.15),
                    (D.CONCEPT_NOTE, 0.1),
                    (D.PRESENTATION, 0.1),
                    (D.CORRESPONDENCE, 0.05),
                    (D.TOR, 0.02),
                    (D.OTHER, 0.08),
                ],
            )
            day = today - dt.timedelta(days=rng.randrange(3653))
            title = f"{TITLES[category]} — {swg.name_en} {day:%B %Y}"
            at = run.moment(day, 12)
            documents.append(
                Document(
                    swg_id=swg.pk,
                    title=title,
                    category=category,
                    document_date=day,
                    language=weighted(rng, [("en", 0.5), ("ar", 0.3), ("en+ar", 0.2)]),
                    visibility=weighted(
                        rng, [("members", 0.6), ("all", 0.3), ("secretariat", 0.1)]
                    ),
                    search_text=f"{title}\n{text}",
                    created_by_id=run.secretariat_of[swg.pk].pk,
                    created_at=at,
                    updated_at=at,
                )
            )
            meetings.append(category in (D.MINUTES, D.AGENDA, D.PARTICIPANTS))
        # Files of a meeting point at one of the group's meetings.
        for document, of_meeting in zip(documents, meetings, strict=True):
            if of_meeting and run.meetings_of.get(document.swg_id):
                document.meeting_id = rng.choice(run.meetings_of[document.swg_id])
        run.save(Document, documents, history=(lambda o: o.created_at, lambda o: o.created_by_id))
        versions = []
        for document in documents:
            for number in (1, 2) if rng.random() < 0.1 else (1,):
                versions.append(
                    DocumentVersion(
                        document_id=document.pk,
                        number=number,
                        file=name,
                        original_name=f"{document.category}-{number}.txt",
                        content_type="text/plain",
                        size=len(BLOB),
                        sha256=digest,
                        text=text,
                        extraction=DocumentVersion.Extraction.DONE,
                        uploaded_by_id=document.created_by_id,
                        uploaded_at=document.created_at + dt.timedelta(days=number - 1),
                    )
                )
        run.save(
            DocumentVersion, versions, history=(lambda o: o.uploaded_at, lambda o: o.uploaded_by_id)
        )
        if is_postgresql():
            vector = SearchVector("search_text", config=SEARCH_CONFIGS[0])
            for config in SEARCH_CONFIGS[1:]:
                vector = vector + SearchVector("search_text", config=config)
            Document.objects.filter(search_vector__isnull=True).update(search_vector=vector)
