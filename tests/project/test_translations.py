"""The Arabic catalog is complete, current and valid (DESIGN §2: every page in
English and Arabic).

To update it after adding strings, run the same command as the test below::

    .venv/bin/python manage.py makemessages -l ar --no-location \
        --ignore=.venv --ignore=var --ignore=tests --ignore=staticfiles

then translate the new (empty or ``#, fuzzy``) entries in
``locale/ar/LC_MESSAGES/django.po`` and run ``make messages``.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.services import need

ROOT = Path(settings.BASE_DIR)
AR_PO = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"
MAKEMESSAGES_ARGS = [
    "makemessages",
    "-l",
    "ar",
    "--no-location",
    "--ignore=.venv",
    "--ignore=var",
    "--ignore=tests",
    "--ignore=staticfiles",
]
COPY_IGNORE = shutil.ignore_patterns(
    ".venv",
    "var",
    ".git",
    "staticfiles",
    "media",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "*.egg-info",
    "*.mo",
    "*.pyc",
)
UPDATE_HINT = (
    "run `.venv/bin/python manage.py makemessages -l ar --no-location --ignore=.venv "
    "--ignore=var --ignore=tests --ignore=staticfiles` and translate the new entries "
    "in locale/ar/LC_MESSAGES/django.po"
)


# ------------------------------------------------------------------ a small PO reader


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"line {self.line}: {context}{self.msgid!r}"


_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


def _unquote(token: str) -> str:
    # PO strings use C escapes, which Python string literals read the same way.
    return ast.literal_eval(token)


def parse_po(path: Path) -> list[Entry]:
    """Entries of a PO file (obsolete ``#~`` entries left out)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int | None] | None = None

    def finish():
        nonlocal entry, target
        if entry is not None and (entry.msgstr or entry.msgid or entry.msgid_plural):
            entries.append(entry)
        entry, target = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if entry is not None and (entry.msgstr or entry.msgid):
                finish()
            entry = entry or Entry(line=number)
            entry.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            if entry is None or target is None:
                raise ValueError(f"{path}:{number}: string without a keyword")
            text = _unquote(line)
            kind, index = target
            if kind == "msgstr":
                entry.msgstr[index] += text
            else:
                setattr(entry, kind, (getattr(entry, kind) or "") + text)
            continue
        match = _KEYWORD.match(line)
        if not match:
            raise ValueError(f"{path}:{number}: cannot read {raw!r}")
        keyword, index, token = match.group(1), match.group(2), match.group(3)
        if keyword in ("msgctxt", "msgid") and entry is not None and entry.msgstr:
            finish()  # a new entry without a blank line in between
        entry = entry or Entry(line=number)
        if keyword == "msgid":
            entry.line = number
        text = _unquote(token)
        if keyword.startswith("msgstr"):
            slot = int(index) if index is not None else 0
            entry.msgstr[slot] = text
            target = ("msgstr", slot)
        else:
            setattr(entry, keyword, text)
            target = (keyword, None)
    finish()
    return entries


def _nplurals(entries: list[Entry]) -> int:
    header = next(e for e in entries if e.is_header)
    match = re.search(r"nplurals\s*=\s*(\d+)", header.msgstr.get(0, ""))
    assert match, "the catalog header has no Plural-Forms"
    return int(match.group(1))


# ------------------------------------------------------------------ tests


@pytest.fixture(scope="module")
def catalog() -> list[Entry]:
    assert AR_PO.exists(), f"{AR_PO} is missing: {UPDATE_HINT}"
    return parse_po(AR_PO)


def test_catalog_header_is_arabic(catalog):
    header = next(e for e in catalog if e.is_header).msgstr[0]
    assert "Language: ar\n" in header
    assert "charset=UTF-8" in header
    assert _nplurals(catalog) == 6, "Arabic has six plural forms"


def test_every_entry_is_translated_and_none_is_fuzzy(catalog):
    nplurals = _nplurals(catalog)
    fuzzy = [e.label() if not e.is_header else "the header" for e in catalog if "fuzzy" in e.flags]
    untranslated = []
    for e in catalog:
        if e.is_header:
            continue
        wanted = range(nplurals) if e.msgid_plural is not None else range(1)
        if any(not e.msgstr.get(i, "").strip() for i in wanted):
            untranslated.append(e.label())
    problems = []
    if fuzzy:
        problems.append(
            "fuzzy (check the translation, then drop the flag):\n  " + "\n  ".join(fuzzy)
        )
    if untranslated:
        problems.append("untranslated:\n  " + "\n  ".join(untranslated))
    assert not problems, "\n".join(problems)


def test_catalog_is_up_to_date_with_the_code(tmp_path):
    """Extract the strings from a copy of the project and compare (about 2 s)."""
    need(bool(shutil.which("xgettext") and shutil.which("msgmerge")), "GNU gettext")
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    (copy / "locale" / "ar" / "LC_MESSAGES" / "django.po").unlink()  # a clean extraction
    done = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES_ARGS],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    in_code = {e.key for e in parse_po(copy / "locale/ar/LC_MESSAGES/django.po")}
    in_catalog = {e.key for e in parse_po(AR_PO)}
    missing = sorted(
        (f"[{ctx}] " if ctx is not None else "") + repr(msgid)
        for ctx, msgid, plural in in_code
        if msgid and (ctx, msgid, plural) not in in_catalog
    )
    assert not missing, (
        f"{len(missing)} string(s) in the code are not in the Arabic catalog; {UPDATE_HINT}:\n  "
        + "\n  ".join(missing)
    )


def test_msgfmt_check_passes():
    """Placeholders of python-format entries, plural forms and the header."""
    need(bool(shutil.which("msgfmt")), "GNU gettext's msgfmt")
    done = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(AR_PO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_named_placeholders_survive_translation(catalog):
    """Also for entries msgfmt does not check (no ``python-format`` flag): a
    translation may not invent a placeholder, and a singular one keeps them all."""
    placeholder = re.compile(r"%\((\w+)\)[sdif]")
    wrong = []
    for e in catalog:
        if e.is_header:
            continue
        source = set(placeholder.findall(e.msgid)) | set(placeholder.findall(e.msgid_plural or ""))
        for i, text in e.msgstr.items():
            got = set(placeholder.findall(text))
            if got - source or (e.msgid_plural is None and got != source):
                wrong.append(f"{e.label()} msgstr[{i}]")
    assert not wrong, "placeholders differ:\n  " + "\n  ".join(wrong)


def test_parser_reads_plurals_flags_and_continuations(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ar\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "a %(n)s"\nmsgid_plural "b"\n'
        'msgstr[0] ""\nmsgstr[1] "x"\n\n'
        'msgctxt "c"\nmsgid ""\n"long "\n"text"\nmsgstr "\\"q\\""\n\n'
        '#~ msgid "old"\n#~ msgstr "قديم"\n',
        encoding="utf-8",
    )
    header, plural, long = parse_po(po)
    assert header.is_header and header.msgstr[0] == "Language: ar\n"
    assert plural.flags == {"fuzzy", "python-format"}
    assert plural.msgid_plural == "b" and plural.msgstr == {0: "", 1: "x"}
    assert long.msgctxt == "c" and long.msgid == "long text" and long.msgstr[0] == '"q"'
