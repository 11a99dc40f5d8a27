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

from django.utils.html import conditional_escape, format_html

# U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE (UAX #9 §2.7).
FSI = "\u2068"
PDI = "\u2069"


def bdi_html(value) -> str:
    """``value`` escaped inside ``<bdi>``; nothing for an empty value."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", conditional_escape(value))


def bdi_text(value) -> str:
    """``value`` between FSI and PDI, for plain text; nothing for an empty value."""
    if value is None or value == "":
        return ""
    return f"{FSI}{value}{PDI}"
