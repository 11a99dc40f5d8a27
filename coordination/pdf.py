"""The one way the portal makes a PDF (DESIGN §6 "the one PDF entry point";
reports capability: "one pipeline for every document").

``render_pdf`` renders a Django template in the document's language (not the
requester's: a circulated PDF is in its recipient's language) and hands the HTML
to WeasyPrint. Every PDF template extends ``templates/pdf/base.html``, which
loads ``static/css/pdf.css``: the page with its running header (the SWG and the
period, via ``string-set``), page numbers, the fonts (a Latin font first, then
Amiri / Noto Naskh Arabic, so Arabic is shaped by Pango) and ``dir="rtl"`` for
Arabic. A table of contents is a list of links whose page numbers come from
``target-counter`` (``{% include "pdf/_toc.html" %}``). Charts are inline SVG
drawn on the server (``coordination/charts.py``): a PDF runs no JavaScript.

What WeasyPrint may read is restricted by ``static_url_fetcher``: the project's
own static files and ``data:`` URLs, nothing else. No ``file://`` outside the
static folders, no network: a template (or a user's text that slipped into an
attribute) naming ``file:///etc/passwd`` or ``http://…`` renders without it.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from coordination.bidi import isolate_bdi_elements

log = logging.getLogger(__name__)

# Relative URLs in a PDF template (``{% static %}`` gives "/static/…") resolve
# against this base, so they reach the fetcher as file:///static/….
BASE_URL = "file:///"


class PdfFetchRefused(ValueError):
    """WeasyPrint asked for something outside the project's static files."""


def _static_roots() -> list[Path]:
    roots = [Path(d if isinstance(d, str | Path) else d[1]) for d in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [r.resolve() for r in roots]


def _static_file(url: str) -> Path:
    """The file behind a ``file:///static/…`` URL, only if it lies inside a
    static folder (no ``..`` escape, no symlink out)."""
    parts = urlsplit(url)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    path = unquote(parts.path)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise PdfFetchRefused(url)
    if not path.startswith(prefix):
        raise PdfFetchRefused(url)
    relative = path[len(prefix) :]
    for root in _static_roots():
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    found = finders.find(relative) if ".." not in Path(relative).parts else None
    if found:
        return Path(found)
    raise PdfFetchRefused(url)


def static_url_fetcher(url: str, *args, **kwargs):
    """WeasyPrint's URL fetcher: the project's static files and ``data:`` URLs.

    Anything else raises, which WeasyPrint logs and renders the document without
    that resource; the refusal is logged here too, with the URL.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    if url.startswith("data:"):
        return URLFetcher(allowed_protocols=("data",), allow_redirects=False).fetch(url)
    try:
        path = _static_file(url)
    except PdfFetchRefused:
        log.warning("PDF rendering refused to fetch %s", url)
        raise
    mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return URLFetcherResponse(
        url=path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime_type}
    )


def pdf_language(language: str | None) -> str:
    """A language the portal speaks: "ar-ly" → "ar", anything unknown → the default."""
    code = (language or "").split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def render_pdf_html(*, template_name: str, context: dict, language: str) -> str:
    """The HTML that ``render_pdf`` hands to WeasyPrint (tests read it too)."""
    language = pdf_language(language)
    with translation.override(language), timezone.override(settings.TIME_ZONE):
        return render_to_string(
            template_name,
            {
                **context,
                "lang_code": language,
                "rtl": language in settings.LANGUAGES_RTL,
                "generated_at": timezone.localtime(),
            },
        )


def render_pdf(*, template_name: str, context: dict, language: str) -> bytes:
    """Render ``template_name`` (extending ``pdf/base.html``) in ``language``,
    times in Africa/Tripoli, and return the PDF."""
    from weasyprint import HTML

    html = render_pdf_html(template_name=template_name, context=context, language=language)
    document = HTML(
        string=isolate_bdi_elements(html), base_url=BASE_URL, url_fetcher=static_url_fetcher
    )
    return document.write_pdf()
