"""Text of one direction inside text of the other (DESIGN §2: every name has an
English and an Arabic form, and both appear on the same page).

The Unicode bidirectional algorithm lets a neutral character (a bracket, a dash,
a comma) take the direction of its neighbours, so an English name inside an
Arabic sentence comes out as "UN) هيئة الأمم المتحدة للمرأة (Women" and a date
as "(-2026-04 … 10)". Each piece of user data, date and number is therefore
isolated from the text around it (Unicode UAX #9, "isolates"): in HTML with
``<bdi>`` (its direction is found from its own first strong letter), in plain
text (text emails, the minutes text, subjects) with FIRST STRONG ISOLATE …
POP DIRECTIONAL ISOLATE. Templates use the ``|bdi`` filter of
``{% load bidi %}``, which picks the right form from the template's escaping
(docs/architecture.md, "Text direction").
"""

import re
import unicodedata

from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE (UAX #9 §2.7).
FSI = "\u2068"
PDI = "\u2069"


def bdi_html(value) -> str:
    """``value`` escaped inside ``<bdi>``; nothing for an empty value."""
    if value is None or value == "":
        return ""
    # Every row of a list calls this a few times: plain concatenation, not
    # format_html's parsing of a format string (bench/README.md).
    return mark_safe(f"<bdi>{conditional_escape(value)}</bdi>")


_BDI_ELEMENT = re.compile(r"(<bdi\b[^>]*>)(.*?)(</bdi>)", re.S)


def isolate_bdi_elements(html: str) -> str:
    """``html`` with the text of every ``<bdi>`` element between FSI and PDI, for a
    renderer that lays out text by the bidirectional algorithm but ignores CSS
    ``unicode-bidi`` (WeasyPrint: docs/architecture.md, "PDFs")."""
    return _BDI_ELEMENT.sub(lambda m: f"{m[1]}{FSI}{m[2]}{PDI}{m[3]}", html)


def first_strong_direction(text: str) -> str | None:
    """ "rtl" or "ltr" from the first letter with a strong direction (UAX #9
    rule P2, what ``<bdi>`` and ``dir="auto"`` do); None for digits and signs only."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def language_is_rtl(language: str | None = None) -> bool:
    code = (language or get_language() or "en").split("-")[0]
    return code in settings.LANGUAGES_RTL


def bdi_text(value) -> str:
    """``value`` between FSI and PDI, for plain text; nothing for an empty value.

    Marks a reader can trip over (a copied subject, a search in a mail client) are
    added only where the value could be reordered: its direction differs from the
    active language's, or it has no letters (a date, a number) in right-to-left text.
    """
    if value is None or value == "":
        return ""
    text = str(value)
    own = first_strong_direction(text)
    around = "rtl" if language_is_rtl() else "ltr"
    if own == around or (own is None and around == "ltr"):
        return text
    return f"{FSI}{text}{PDI}"


def bdi_join(parts, sep: str = " — ") -> str:
    """Plain-text parts joined, each isolated as ``bdi_text`` does: choice labels
    ("person — organization"), which cannot hold markup."""
    return sep.join(bdi_text(part) for part in parts if part not in (None, ""))
