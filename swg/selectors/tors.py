"""Reads for the terms of reference (DESIGN §3 "Terms of reference"): the
versions a user may read, a version's sections in the reader's language, and
the side-by-side difference between two versions per section and language."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from itertools import zip_longest

from django.db.models import QuerySet
from django.utils.translation import get_language

from ..models import SWG, TorVersion
from ..models.tors import LANGUAGES, SECTIONS


def tor_versions(*, versions: QuerySet, swg: SWG | None) -> QuerySet:
    """One TOR's versions (the generic one when ``swg`` is None), newest first,
    from a queryset the caller has scoped."""
    versions = versions.filter(swg=swg) if swg is not None else versions.filter(swg__isnull=True)
    return versions.select_related("created_by", "reviewed_by", "endorsed_by").order_by("-number")


def tor_endorsed(*, swg: SWG | None) -> TorVersion | None:
    """The version in force, if one was ever endorsed."""
    versions = TorVersion.objects.filter(status=TorVersion.Status.ENDORSED)
    versions = versions.filter(swg=swg) if swg is not None else versions.filter(swg__isnull=True)
    return versions.select_related("endorsed_by").first()


def tor_open_version(*, swg: SWG | None) -> TorVersion | None:
    """The draft or reviewed version under way, if any (there is one at most)."""
    versions = TorVersion.objects.filter(status__in=TorVersion.OPEN_STATUSES)
    versions = versions.filter(swg=swg) if swg is not None else versions.filter(swg__isnull=True)
    return versions.first()


@dataclass
class SectionText:
    key: str
    label: str
    text: str
    language: str  # the language ``text`` is in
    fell_back: bool  # the reader's language was empty: ``text`` is the other one


def tor_sections(*, version: TorVersion, language: str | None = None) -> list[SectionText]:
    """Each section in ``language`` (default: the active one), falling back to
    the other language where that one is empty; ``fell_back`` says so, so the
    page can show it (DESIGN §2: every text in both languages)."""
    wanted = "ar" if (language or get_language() or "en").startswith("ar") else "en"
    other = "en" if wanted == "ar" else "ar"
    sections = []
    for key, label in SECTIONS:
        text = version.section_text(key, wanted)
        if text.strip():
            sections.append(SectionText(key, label, text, wanted, False))
        else:
            fallback = version.section_text(key, other)
            sections.append(SectionText(key, label, fallback, other, bool(fallback.strip())))
    return sections


@dataclass
class TorOverviewRow:
    swg: SWG | None
    endorsed: TorVersion | None = None
    open_version: TorVersion | None = None
    version_count: int = 0


def tor_overview(*, swgs: QuerySet, versions: QuerySet) -> list[TorOverviewRow]:
    """The generic TOR and each group's: the endorsed version and the one under
    way. Two queries whatever the number of groups and versions."""
    rows = {None: TorOverviewRow(swg=None)}
    for swg in swgs.filter(is_active=True).order_by("number", "name_en"):
        rows[swg.pk] = TorOverviewRow(swg=swg)
    for version in versions.select_related("endorsed_by").order_by("number"):
        row = rows.get(version.swg_id)
        if row is None:
            continue
        row.version_count += 1
        if version.status == TorVersion.Status.ENDORSED:
            row.endorsed = version
        elif version.is_open:
            row.open_version = version
    return list(rows.values())


# ---------------------------------------------------------------- differences

_TOKENS = re.compile(r"(\s+)")


@dataclass
class DiffRow:
    # Each side is a list of (text, changed) parts; the template escapes them.
    old: list[tuple[str, bool]] = field(default_factory=list)
    new: list[tuple[str, bool]] = field(default_factory=list)
    changed: bool = False


@dataclass
class SectionDiff:
    key: str
    label: str
    language: str
    rows: list[DiffRow]
    changed: bool


def _word_parts(old: str, new: str) -> DiffRow:
    a, b = _TOKENS.split(old), _TOKENS.split(new)
    row = DiffRow(changed=True)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            row.old.append(("".join(a[i1:i2]), False))
            row.new.append(("".join(b[j1:j2]), False))
            continue
        if i2 > i1:
            row.old.append(("".join(a[i1:i2]), True))
        if j2 > j1:
            row.new.append(("".join(b[j1:j2]), True))
    return row


def text_diff(old: str, new: str) -> list[DiffRow]:
    """Line by line, side by side; a changed line shows its changed words."""
    a, b = old.splitlines(), new.splitlines()
    rows = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(DiffRow([(line, False)], [(line, False)]) for line in a[i1:i2])
            continue
        for left, right in zip_longest(a[i1:i2], b[j1:j2]):
            if left is not None and right is not None:
                rows.append(_word_parts(left, right))
            elif left is not None:
                rows.append(DiffRow(old=[(left, True)], changed=True))
            else:
                rows.append(DiffRow(new=[(right, True)], changed=True))
    return rows


def tor_diff(*, old: TorVersion, new: TorVersion) -> list[SectionDiff]:
    """Every section in each language, the older version on the left."""
    diffs = []
    for key, label in SECTIONS:
        for language in LANGUAGES:
            rows = text_diff(old.section_text(key, language), new.section_text(key, language))
            diffs.append(SectionDiff(key, label, language, rows, any(row.changed for row in rows)))
    return diffs
