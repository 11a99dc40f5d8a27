"""The one guarded reader of uploaded spreadsheets (CSV and XLSX).

``spreadsheet_rows(file, name=)`` yields the non-empty rows of the file (of an
XLSX, its first sheet) as :class:`SheetRow`: the sheet's name, the row number
the user sees in their spreadsheet program, and the cells. The first row it
yields is the header. It raises :class:`SpreadsheetRejected`, whose text is
for the user and names the sheet, row and column, as soon as a limit is
passed, so that a hostile file costs little:

- before any parsing: the file's size; for an XLSX, from the zip's central
  directory, the number of parts and their total unpacked size (a 400 KB
  "zip bomb" can unpack to gigabytes of XML). ``zipfile`` never unpacks more
  than the size a part declares, so the declared sizes bound the work;
- before reading the rows: merged cells (a merged cell holds its value in
  its first cell only, so the other rows would silently lose it);
- while reading: the number of rows below the header (counted, not taken
  from the sheet's own claim of its size), the number of columns, and each
  cell's length (Excel's own limit, 32,767 characters, by default).

Cells of a CSV are text: the file is decoded as UTF-8 (with or without a
byte-order mark) or else as Windows-1256 (Arabic Excel's "CSV"), and the quote
the portal's writer put in front of a formula-like text is removed, so an
exported file reads back exactly. Cells of an XLSX keep their type: text is
text, a number is an ``int`` or ``float`` (``cells.cell_text`` gives a phone
number stored as a number back as its digits), a cell formatted as a date is
a ``date`` (or a ``datetime`` when it has a time), unless its number is no
possible date (a phone number in a date-formatted column), which stays a
number. Formulas give their last computed value.

The limits come from settings (``ImportLimits.from_settings``): IMPORT_MAX_BYTES,
IMPORT_MAX_UNCOMPRESSED_BYTES, IMPORT_MAX_ZIP_ENTRIES, IMPORT_MAX_ROWS,
IMPORT_MAX_COLUMNS and IMPORT_MAX_CELL_CHARS.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.styles.numbers import is_timedelta_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from .cells import csv_unescape

EXTENSIONS = (".csv", ".xlsx")
CSV_ENCODINGS = ("utf-8-sig", "cp1256")  # Windows-1256 maps every byte: the last resort


@dataclasses.dataclass(frozen=True)
class ImportLimits:
    max_bytes: int
    max_uncompressed_bytes: int
    max_zip_entries: int
    max_rows: int
    max_columns: int
    max_cell_chars: int

    @classmethod
    def from_settings(cls) -> ImportLimits:
        return cls(
            max_bytes=settings.IMPORT_MAX_BYTES,
            max_uncompressed_bytes=settings.IMPORT_MAX_UNCOMPRESSED_BYTES,
            max_zip_entries=settings.IMPORT_MAX_ZIP_ENTRIES,
            max_rows=settings.IMPORT_MAX_ROWS,
            max_columns=settings.IMPORT_MAX_COLUMNS,
            max_cell_chars=settings.IMPORT_MAX_CELL_CHARS,
        )

    def replace(self, **changes) -> ImportLimits:
        return dataclasses.replace(self, **changes)


class SpreadsheetRejected(ValueError):
    """The file as a whole is refused; ``str()`` is the message for the user."""


@dataclasses.dataclass(frozen=True)
class SheetRow:
    sheet: str  # "" for a CSV file
    number: int  # as the spreadsheet program numbers it, from 1
    values: tuple  # without empty cells at its end


def _count(number: int) -> str:
    return number_format(number, force_grouping=True)


def spreadsheet_check_file(file: BinaryIO, *, name: str, limits: ImportLimits | None = None):
    """What an upload can be refused for without opening it: its type, its
    size and, for an XLSX, its first bytes. The upload form asks this; so
    does ``spreadsheet_rows``, for files that came another way."""
    limits = limits or ImportLimits.from_settings()
    lowered = name.lower()
    if not lowered.endswith(EXTENSIONS):
        raise SpreadsheetRejected(_("Upload a .csv or .xlsx file."))
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    if size > limits.max_bytes:
        raise SpreadsheetRejected(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limits.max_bytes)}
        )
    if lowered.endswith(".xlsx"):
        signature = file.read(4)
        file.seek(0)
        if signature != b"PK\x03\x04":
            raise _not_xlsx()


def spreadsheet_rows(
    file: BinaryIO, *, name: str, limits: ImportLimits | None = None
) -> Iterator[SheetRow]:
    """The rows of an uploaded ``.csv`` or ``.xlsx`` file (see the module docstring)."""
    limits = limits or ImportLimits.from_settings()
    spreadsheet_check_file(file, name=name, limits=limits)
    if name.lower().endswith(".xlsx"):
        rows = _xlsx_rows(file, limits)
    else:
        rows = _csv_rows(file.read(), limits)
    return _checked(rows, limits)


def _where(row: SheetRow, header: tuple, column: int | None = None) -> str:
    """Where a row or cell is, in the words of the user's spreadsheet program."""
    if column is None:
        where = _("Row %(row)s") % {"row": row.number}
    else:
        place = {"row": row.number, "column": get_column_letter(column + 1)}
        label = header[column] if column < len(header) else None
        if label in (None, ""):
            where = _("Row %(row)s, column %(column)s") % place
        else:
            where = _("Row %(row)s, column %(column)s (%(label)s)") % {**place, "label": label}
    if row.sheet:
        where = _('Sheet "%(sheet)s": %(where)s') % {"sheet": row.sheet, "where": where}
    return where


def _checked(rows: Iterator[SheetRow], limits: ImportLimits) -> Iterator[SheetRow]:
    header = None
    data_rows = 0
    for row in rows:
        if len(row.values) > limits.max_columns:
            raise SpreadsheetRejected(
                _("%(where)s: the file has more than %(limit)s columns.")
                % {"where": _where(row, header or ()), "limit": _count(limits.max_columns)}
            )
        for column, value in enumerate(row.values):
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                raise SpreadsheetRejected(
                    _(
                        "%(where)s: the cell has %(length)s characters; a cell may have "
                        "at most %(limit)s."
                    )
                    % {
                        "where": _where(row, header or (), column),
                        "length": _count(len(value)),
                        "limit": _count(limits.max_cell_chars),
                    }
                )
        if header is None:
            header = row.values
        else:
            data_rows += 1
            if data_rows > limits.max_rows:
                raise SpreadsheetRejected(
                    _(
                        "The file has more than %(limit)s rows below its header; split it "
                        "into files of at most %(limit)s rows."
                    )
                    % {"limit": _count(limits.max_rows)}
                )
        yield row


def _trimmed(values) -> tuple:
    end = len(values)
    while end and values[end - 1] in (None, ""):
        end -= 1
    return tuple(values[:end])


# ------------------------------------------------------------------ CSV


def _decoded(content: bytes) -> str:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16")
    for encoding in CSV_ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetRejected(_("Save the CSV file as UTF-8 and upload it again."))


def _csv_rows(content: bytes, limits: ImportLimits) -> Iterator[SheetRow]:
    # The module's own limit on a cell (131,072 characters) would end the file
    # with an error that names no column; no cell can be longer than the file,
    # and ``_checked`` applies the real limit with the row and the column.
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_bytes))
    reader = csv.reader(io.StringIO(_decoded(content), newline=""))
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SpreadsheetRejected(
                _("Row %(row)s cannot be read (%(error)s). Save the file as CSV again.")
                % {"row": number + 1, "error": error}
            ) from None
        number += 1
        values = _trimmed([csv_unescape(cell) for cell in cells])
        if values:
            yield SheetRow(sheet="", number=number, values=values)


# ------------------------------------------------------------------ XLSX


def _not_xlsx() -> SpreadsheetRejected:
    return SpreadsheetRejected(_("This is not a valid Excel (.xlsx) file."))


def _check_zip(file: BinaryIO, limits: ImportLimits) -> None:
    """The limits an XLSX must meet before it is opened, from its directory alone."""
    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_xlsx() from None
    finally:
        file.seek(0)
    if len(parts) > limits.max_zip_entries:
        raise SpreadsheetRejected(
            _("The workbook has more than %(limit)s parts; save it again as a plain workbook.")
            % {"limit": _count(limits.max_zip_entries)}
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.max_uncompressed_bytes:
        raise SpreadsheetRejected(
            _(
                "The workbook unpacks to %(size)s; at most %(limit)s is accepted. Remove "
                "what the import does not need (other sheets, pictures, formatting) or "
                "split it."
            )
            % {
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(limits.max_uncompressed_bytes),
            }
        )


def _xlsx_rows(file: BinaryIO, limits: ImportLimits) -> Iterator[SheetRow]:
    _check_zip(file, limits)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ParseError, TypeError):
        raise _not_xlsx() from None
    try:
        # openpyxl turns a date-formatted number into a date and a number that
        # is no possible date into "#VALUE!"; it is told no format is a date,
        # and ``_typed`` decides with the number still in hand.
        workbook._date_formats = set()
        if not workbook.worksheets:
            raise _not_xlsx()
        sheet = workbook.worksheets[0]
        _refuse_merged_cells(sheet)
        # The sheet's own claim of its size is not trusted: counted instead.
        sheet.reset_dimensions()
        yield from _sheet_rows(sheet, workbook.epoch, limits)
    except SpreadsheetRejected:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ParseError) as error:
        raise _not_xlsx() from error
    finally:
        workbook.close()


MERGED_CELL = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
CHUNK_BYTES = 64 * 1024


def _refuse_merged_cells(sheet) -> None:
    """Scan the sheet's XML (its unpacked size is already within the limits)
    for a merged range; read-only openpyxl does not report them."""
    tail = b""
    with sheet._get_source() as source:
        while chunk := source.read(CHUNK_BYTES):
            found = MERGED_CELL.search(tail + chunk)
            if found:
                raise SpreadsheetRejected(
                    _(
                        'Sheet "%(sheet)s": cells %(cells)s are merged. Unmerge them and '
                        "write the value in every row it applies to."
                    )
                    % {"sheet": sheet.title, "cells": found.group(1).decode()}
                )
            tail = chunk[-200:]


def _sheet_rows(sheet, epoch, limits: ImportLimits) -> Iterator[SheetRow]:
    empty = None
    # One column more than allowed, so that a file with too many is noticed.
    cells_by_row = sheet.iter_rows(max_col=limits.max_columns + 1)
    for number, cells in enumerate(cells_by_row, start=1):
        if cells is empty:
            continue  # openpyxl fills a gap between rows with one shared empty row
        # openpyxl pads every row to max_col: drop the empty tail before typing.
        end = len(cells)
        while end and cells[end - 1].value in (None, ""):
            end -= 1
        values = tuple(_typed(cell, epoch) for cell in cells[:end])
        if values:
            yield SheetRow(sheet=sheet.title, number=number, values=values)
        else:
            empty = cells


def _typed(cell, epoch):
    value = cell.value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        value = int(value)  # 2.18912345678E+11 is the whole number it shows
    if isinstance(value, int | float) and not isinstance(value, bool) and cell.is_date:
        try:
            moment = from_excel(value, epoch, timedelta=is_timedelta_format(cell.number_format))
        except (OverflowError, ValueError):
            return value  # no possible date: a number in a date-formatted column
        return _date_or_moment(moment)
    if isinstance(value, dt.datetime):
        return _date_or_moment(value)
    return value


def _date_or_moment(value):
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value
