"""The one way the portal writes CSV and XLSX (see the package docstring).

``csv_stream(rows)`` yields the file piece by piece, for a
``StreamingHttpResponse`` or a file; ``xlsx_file(rows, title=)`` writes a
workbook in openpyxl's write-only mode into a temporary file, ready to stream;
``xlsx_workbook(sheets)`` does the same for several sheets, where a column
may offer a drop-down list of the values it accepts (an import template).
A row is a sequence of cells: text, numbers, dates, booleans or None.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .cells import cell_text, csv_escape

BYTE_ORDER_MARK = "\ufeff"
COLUMN_WIDTH = 24
# Characters Excel does not allow in a sheet's name.
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SPOOL_BYTES = 4 * 1024 * 1024  # beyond this the temporary workbook goes to disk


class _Line:
    """The file ``csv.writer`` writes to: it hands back each line it is given."""

    def write(self, line: str) -> str:
        return line


def csv_line(row: Sequence) -> str:
    """One row as a CSV line, every text cell neutralised (``csv_escape``)."""
    return csv.writer(_Line()).writerow([csv_escape(cell_text(value)) for value in row])


def csv_stream(rows: Iterable[Sequence]) -> Iterator[str]:
    """The rows as CSV: first a byte-order mark, so that Excel opens the Arabic
    text as UTF-8, then one line per row."""
    yield BYTE_ORDER_MARK
    for row in rows:
        yield csv_line(row)


def _xlsx_value(sheet, value):
    """What ``append`` is given for ``value``: the value itself when openpyxl
    writes it as it is (most cells; a cell object costs openpyxl a raised and
    caught exception in write-only mode), else a cell (``_xlsx_cell``)."""
    if isinstance(value, str):
        if value.startswith("=") or value in ERROR_CODES or ILLEGAL_CHARACTERS_RE.search(value):
            return _xlsx_cell(sheet, value)
        return value
    if isinstance(value, dt.date):
        return _xlsx_cell(sheet, value)
    return value


def _xlsx_cell(sheet, value) -> WriteOnlyCell:
    if isinstance(value, str):
        # openpyxl would store a string that starts with "=" as a formula (and
        # "#N/A" as an error): set the type after the value so that it stays text.
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
        cell.data_type = "s"
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


@dataclasses.dataclass
class Sheet:
    """One sheet of ``xlsx_workbook``: its first row is the header (frozen).
    ``choices`` maps a column's index to the sheet title whose first column
    (below its header) lists the values that column accepts: Excel offers
    them as a drop-down list and warns about anything else."""

    title: str
    rows: Iterable[Sequence]
    choices: dict[int, str] = dataclasses.field(default_factory=dict)
    choice_rows: int = 1000  # how many rows below the header offer the lists


def _sheet_title(title: str) -> str:
    return SHEET_TITLE_FORBIDDEN.sub("-", title)[:31] or "Sheet"


def _list_lengths(sheets: list[Sheet]) -> dict[str, int]:
    """How many values each list sheet holds (lists are small: read them twice)."""
    named = {sheet.title: sheet for sheet in sheets}
    lengths = {}
    for sheet in sheets:
        for title in sheet.choices.values():
            rows = list(named[title].rows)
            named[title].rows = rows
            lengths[title] = max(len(rows) - 1, 1)
    return lengths


def _add_sheet(workbook: Workbook, spec: Sheet, lengths: dict[str, int]) -> None:
    sheet = workbook.create_sheet(_sheet_title(spec.title))
    sheet.freeze_panes = "A2"
    for column, title in spec.choices.items():
        letter = get_column_letter(column + 1)
        # OOXML stores the formula without the "=" Excel shows.
        source = f"{quote_sheetname(_sheet_title(title))}!$A$2:$A${lengths[title] + 1}"
        validation = DataValidation(type="list", formula1=source, allow_blank=True)
        validation.add(f"{letter}2:{letter}{spec.choice_rows + 1}")
        sheet.data_validations.append(validation)
    rows = iter(spec.rows)
    header = next(rows, None)
    if header is not None:
        for index in range(1, len(header) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTH
        sheet.append([_xlsx_value(sheet, value) for value in header])
    for row in rows:
        sheet.append([_xlsx_value(sheet, value) for value in row])


def xlsx_workbook(sheets: list[Sheet]):
    """The sheets as one workbook, in a temporary file positioned at its start;
    the caller streams and closes it. The first sheet is the one an import
    reads. Characters that XML cannot hold (control characters) become U+FFFD."""
    workbook = Workbook(write_only=True)
    lengths = _list_lengths(sheets)
    for spec in sheets:
        _add_sheet(workbook, spec, lengths)
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    workbook.save(out)
    out.seek(0)
    return out


def xlsx_file(rows: Iterable[Sequence], *, title: str):
    """The rows as one sheet named ``title`` (header row frozen), in a
    temporary file positioned at its start; the caller streams and closes it."""
    return xlsx_workbook([Sheet(title=title, rows=rows)])
