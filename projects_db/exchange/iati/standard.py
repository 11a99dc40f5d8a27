"""The vendored IATI 2.03 activity schema and codelists (``standard/2-03/``,
see its README for the version and CC BY 4.0 licence), and the one safe way
to parse an uploaded IATI file.

An uploaded XML file is hostile (DESIGN §3 "uploads hostile"): a document
type declaration is refused before parsing (no entity can be declared, so no
"billion laughs" bomb and no external entity reading a local file or URL),
and lxml parses with entity resolution and network access off and without a
huge tree. The schema itself is loaded with the same parser from the local
files only.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

STANDARD = Path(__file__).parent / "standard" / "2-03"
VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class IatiRejected(ValueError):
    """The file as a whole is refused; ``str()`` is the message for the user."""


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse(content: bytes) -> etree._ElementTree:
    """The document, or ``IatiRejected``: a DTD or entity declaration, a file
    that is not well-formed XML, or a root that is not ``iati-activities``."""
    if DOCTYPE.search(content):
        raise IatiRejected(
            _(
                "The file declares a document type or entities, which an IATI file never "
                "needs; it is refused for safety (XML entity expansion and external entities)."
            )
        )
    try:
        tree = etree.ElementTree(etree.fromstring(content, parser=safe_parser()))
    except etree.XMLSyntaxError as error:
        raise IatiRejected(
            _("The file is not well-formed XML (line %(line)s: %(error)s).")
            % {"line": error.lineno, "error": error.msg}
        ) from None
    root = tree.getroot()
    if root.tag != "iati-activities":
        raise IatiRejected(
            _("This is not an IATI activity file: its root element is <%(tag)s>.")
            % {"tag": root.tag}
        )
    version = (root.get("version") or "").strip()
    if not version.startswith("2."):
        raise IatiRejected(
            _(
                "The file is IATI version %(version)s; only version 2 files (2.03) are "
                "accepted. Convert it to 2.03 first."
            )
            % {"version": version or "?"}
        )
    return tree


@functools.cache
def activity_schema() -> etree.XMLSchema:
    path = STANDARD / "schemas" / "iati-activities-schema.xsd"
    document = etree.parse(str(path), parser=safe_parser())
    return etree.XMLSchema(document)


@functools.cache
def codelist(name: str) -> frozenset[str]:
    """The codes of an IATI codelist (``Currency``, ``ActivityStatus``, …)."""
    document = etree.parse(str(STANDARD / "codelists" / f"{name}.xml"), parser=safe_parser())
    return frozenset(code.text.strip() for code in document.iter("code") if code.text)


def schema_errors(tree: etree._ElementTree) -> list[tuple[int, str]]:
    """The schema's complaints, each (line, message)."""
    schema = activity_schema()
    if schema.validate(tree):
        return []
    return [(error.line, error.message) for error in schema.error_log]
