"""Reads of the document archive: the list a user may see, full-text search
with the matched passage (DESIGN §3 "Document archive"), a document's
versions. Each runs a fixed number of queries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, OuterRef, QuerySet, Subquery

from .. import permissions
from ..models import Document, DocumentVersion

ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
# ts_headline marks the matches with characters no stored text holds (the
# services strip control characters), so the template can mark them safely.
START, STOP = "\x02", "\x03"
SNIPPET_CHARS = 90


@dataclass(frozen=True)
class Piece:
    text: str
    matched: bool


def visible_documents(user, queryset: QuerySet | None = None) -> QuerySet:
    queryset = Document.objects.all() if queryset is None else queryset
    return permissions.scope(user, queryset)


def document_rows(queryset: QuerySet) -> QuerySet:
    """Ready for a list: the group joined, ``current_number`` (the newest
    version's number); newest first unless the search put the best match first.

    The version number is a subquery on one page's rows, not a join grouped over
    the whole archive, so the paginator's count stays a plain count; the text
    kept for search (the whole of every file) is not read."""
    ordering = queryset.query.order_by or ("-document_date", "-pk")
    newest = (
        DocumentVersion.objects.filter(document=OuterRef("pk"))
        .order_by("-number")
        .values("number")[:1]
    )
    return (
        queryset.select_related("swg")
        .defer("description", "search_text", "search_vector")
        .annotate(current_number=Subquery(newest))
        .order_by(*ordering)
    )


def _config_for(query: str) -> str:
    return "arabic" if ARABIC_LETTER.search(query) else "english"


def document_search(queryset: QuerySet, query: str) -> QuerySet:
    """Documents whose title, description or text (PDF, DOCX) match ``query``,
    best first, each with ``headline``: the passage with the matches marked.
    PostgreSQL: the English and Arabic full-text configurations over the GIN
    index; SQLite (make run): a plain case-insensitive match."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor != "postgresql":
        return queryset.filter(search_text__icontains=query).annotate(plain_text=F("search_text"))
    english = SearchQuery(query, config="english", search_type="websearch")
    arabic = SearchQuery(query, config="arabic", search_type="websearch")
    either = english | arabic
    config = _config_for(query)
    return (
        queryset.filter(search_vector=either)
        .annotate(
            rank=SearchRank(F("search_vector"), either),
            headline=SearchHeadline(
                "search_text",
                SearchQuery(query, config=config, search_type="websearch"),
                config=config,
                start_sel=START,
                stop_sel=STOP,
                max_words=30,
                min_words=10,
            ),
        )
        .order_by("-rank", "-document_date", "-pk")
    )


def _plain_headline(text: str, query: str) -> str:
    at = text.lower().find(query.lower())
    if at < 0:
        return text[: SNIPPET_CHARS * 2]
    start = max(0, at - SNIPPET_CHARS)
    end = at + len(query)
    return (
        ("…" if start else "")
        + text[start:at]
        + START
        + text[at:end]
        + STOP
        + text[end : end + SNIPPET_CHARS]
        + ("…" if end + SNIPPET_CHARS < len(text) else "")
    )


def headline_pieces(headline: str) -> list[Piece]:
    """``headline`` split into plain and matched pieces, for the template."""
    pieces = []
    for part in re.split(f"({START}.*?{STOP})", headline):
        if part.startswith(START) and part.endswith(STOP):
            pieces.append(Piece(part[1:-1], True))
        elif part:
            pieces.append(Piece(part.replace(START, "").replace(STOP, ""), False))
    return pieces


def with_snippets(page, query: str) -> None:
    """Give each document of a page of search results its ``snippet`` pieces."""
    query = query.strip()
    if not query:
        return
    for document in page:
        headline = getattr(document, "headline", None)
        if headline is None:
            # The plain search carries the text it matched (a list defers it).
            text = getattr(document, "plain_text", None)
            headline = _plain_headline(document.search_text if text is None else text, query)
        document.snippet = headline_pieces(headline)


def document_versions(document: Document) -> QuerySet:
    return document.versions.select_related("uploaded_by").order_by("-number")


def document_version(document: Document, pk: int) -> DocumentVersion | None:
    return DocumentVersion.objects.filter(document=document, pk=pk).first()
