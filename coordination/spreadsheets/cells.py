"""Cell values shared by the writer and the reader.

The CSV rule (OWASP "CSV Injection"; ASVS 1.2.10): a text that starts with
``= + - @``, a tab, a carriage return or a NUL (or their full-width forms,
which some spreadsheet programs accept too) is written with a single quote in
front, so a spreadsheet program shows it as text instead of running it.
Phone numbers and plain numbers (``+218 91 234 5678``, ``-12.5``) are left
alone: made only of digits, spaces and ``( ) . - /`` they cannot call a
function, and a quote would spoil them for the next import.

``csv_unescape`` is the exact reverse: it removes only a quote that
``csv_escape`` added. To keep that exact, ``csv_escape`` also doubles the
quote of a text that already starts with one (``'plain`` is written
``''plain``), so ``csv_unescape(csv_escape(text)) == text`` for every text.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel

QUOTE = "'"
FORMULA_STARTS = frozenset("=+-@\t\r\0\uff1d\uff0b\uff0d\uff20")
# A sign, then only digits, spaces and ( ) . - /: a phone number or a number.
NUMBER_LIKE = re.compile(r"[+-][\d\s().\-/]*\d[\d\s().\-/]*")


def _needs_quote(text: str) -> bool:
    if not text:
        return False
    if text[0] == QUOTE:
        return True
    return text[0] in FORMULA_STARTS and not NUMBER_LIKE.fullmatch(text)


def csv_escape(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet program runs as a formula."""
    return QUOTE + text if _needs_quote(text) else text


def csv_unescape(text: str) -> str:
    """The text ``csv_escape`` was given for this cell (other cells unchanged)."""
    if text.startswith(QUOTE) and _needs_quote(text[1:]):
        return text[1:]
    return text


def cell_text(value) -> str:
    """A typed cell as text, as a person reads it: a whole number without
    ".0" or an exponent (a phone stored as a number stays its digits), a date
    as YYYY-MM-DD, a time of day only when there is one."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.microsecond == 0 else "auto")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def cell_date(value, *, epoch: dt.datetime = WINDOWS_EPOCH):
    """The date of a cell in a date column: a date cell's date, an Excel serial
    number (46027 is 2026-01-05) converted. Anything else is returned as it
    is, for the form that validates the column to accept or refuse."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return from_excel(value, epoch).date()
        except (OverflowError, ValueError, TypeError):
            return value
    return value
