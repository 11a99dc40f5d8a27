"""The one way a stored (uploaded) file leaves the portal.

Private files have no URL (``coordination/storage.py``). A view first decides
whether the user may have the file — through the permission module, answering
404 outside their reach — and then returns :func:`stored_file_response`: the file
streamed as an attachment under its sanitised original name, with headers that
stop a browser from rendering or sniffing it (OWASP file-upload advice: serve
user files as downloads, with their type fixed).
"""

import unicodedata
from pathlib import PurePosixPath

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

FALLBACK_NAME = "download"
MAX_NAME_LENGTH = 150


def safe_filename(name: str, *, fallback: str = FALLBACK_NAME) -> str:
    """``name`` fit for a Content-Disposition header and a user's disk: no folder,
    no control or direction-override characters (a file name must not disguise
    its extension), no leading dots, at most ``MAX_NAME_LENGTH`` characters with
    the extension kept."""
    base = PurePosixPath(str(name or "").replace("\\", "/")).name
    # Cc: control characters (CR, LF, NUL...); Cf: format characters, among them
    # U+202E RIGHT-TO-LEFT OVERRIDE and the other bidi embeddings and isolates.
    base = "".join(ch for ch in base if unicodedata.category(ch) not in {"Cc", "Cf"})
    base = base.strip().lstrip(".").strip()
    if len(base) > MAX_NAME_LENGTH:
        path = PurePosixPath(base)
        suffix = path.suffix if len(path.suffix) <= 16 else ""
        base = path.stem[: MAX_NAME_LENGTH - len(suffix)] + suffix
    return base or fallback


def stored_file_response(file: FieldFile, *, filename: str) -> FileResponse:
    """Stream ``file`` as an attachment named ``filename`` (sanitised). A file that
    is no longer stored (removed by retention) answers 404."""
    if not file:
        raise Http404
    try:
        handle = file.storage.open(file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=safe_filename(filename))
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser ignored "attachment", the file could run nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
