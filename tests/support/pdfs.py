"""Reading a PDF back the way a person would: its text (``pdftotext``) and its
number of pages (``pdfinfo``), from poppler-utils (.ci/run installs it). Tests
check what the pages say, never the bytes."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.support.services import need


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    need(path is not None, f"{tool} (poppler-utils)")
    return path


def pdf_text(
    data: bytes, *, first: int | None = None, last: int | None = None, raw: bool = False
) -> str:
    """The text of the PDF in reading order (Arabic in logical order), or of
    pages ``first``..``last``. ``raw``: in the order it was drawn, each run of
    one direction as it shows on the page (where a sign landed at the edge of a
    name; pdftotext's reading order guesses at signs between directions)."""
    assert data.startswith(b"%PDF-"), data[:40]
    args = [_poppler("pdftotext"), "-enc", "UTF-8", *(["-raw"] if raw else [])]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(data)
        return subprocess.run(
            [*args, str(source), "-"], check=True, capture_output=True, text=True
        ).stdout


def pdf_pages(data: bytes) -> int:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(data)
        info = subprocess.run(
            [_poppler("pdfinfo"), str(source)], check=True, capture_output=True, text=True
        ).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_fonts(data: bytes) -> set[str]:
    """The embedded fonts: "ABCDEF+Noto-Sans" → "NotoSans"."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(data)
        listing = subprocess.run(
            [_poppler("pdffonts"), str(source)], check=True, capture_output=True, text=True
        ).stdout
    return {
        line.split()[0].split("+")[-1].replace("-", "")
        for line in listing.splitlines()[2:]
        if line.strip()
    }


# pdftotext marks right-to-left runs with embedding controls (U+202A-U+202E) and
# may add isolates and marks; a test compares the words, not the marks.
BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def words(text: str) -> str:
    """Whitespace collapsed and bidi controls removed: a table cell may wrap
    onto two lines, and an Arabic run comes back between embedding marks."""
    return " ".join(text.translate(BIDI_CONTROLS).split())
