"""Text that users type or import, cleaned of invisible direction controls.

The Unicode embedding, override and isolate controls (U+202A–U+202E,
U+2066–U+2069) reorder the characters around them when shown: a name typed as
"U+202E gnp.exe" reads "exe.png", and a contact can disguise itself in lists and
emails (Unicode TR36 §2.1, "bidirectional text spoofing"; CVE-2021-42574). The
portal removes them wherever text comes in: every form (``coordination.forms``),
every import (its row forms) and the REST API. The layout isolates what it shows
with HTML (``dir``, ``<bdi>``), so nothing a user needs is lost.

Kept on purpose: the zero-width joiner and non-joiner (U+200D, U+200C), which
Arabic and Persian spelling needs, and the implicit marks (U+200E LRM, U+200F
RLM, U+061C ALM), which keyboards insert to place punctuation beside numbers
and which cannot reorder a run of letters.
"""

from __future__ import annotations

import re

DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_direction_controls(value: str) -> str:
    """``value`` without embedding, override and isolate controls."""
    return DIRECTION_CONTROLS.sub("", value)


def strip_direction_controls_deep(value):
    """The same through dicts and lists (a JSON or form body of the API)."""
    if isinstance(value, str):
        return strip_direction_controls(value)
    if hasattr(value, "setlist"):  # a QueryDict: keep every value of a key
        cleaned = value.copy()
        for key, items in value.lists():
            cleaned.setlist(key, [strip_direction_controls_deep(item) for item in items])
        return cleaned
    if isinstance(value, dict):
        return {key: strip_direction_controls_deep(item) for key, item in value.items()}
    if isinstance(value, list):
        return [strip_direction_controls_deep(item) for item in value]
    return value
