"""The one spreadsheet writer and the one guarded reader (coordination/spreadsheets/):
text stays text, an exported file reads back exactly, and a hostile upload is
refused before it is parsed."""

import csv
import datetime as dt
import io
import time
import zipfile

import pytest
from openpyxl import load_workbook

from coordination.spreadsheets import reader, writer
from coordination.spreadsheets.cells import cell_date, cell_text
from tests.support.spreadsheets import csv_bytes, xlsx_bomb, xlsx_bytes, xlsx_entity_bomb

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
TRICKY = [
    *FORMULAS,
    "+218 91 234 5678",
    "-12.5",
    "'=already quoted",
    "''",
    "'plain",
    "O'Brien",
    "أمينة حداد",
    "",
]


def _csv_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def _read(content: bytes, name: str, **limits):
    return list(reader.spreadsheet_rows(io.BytesIO(content), name=name, limits=_limits(**limits)))


def _limits(**overrides):
    return reader.ImportLimits.from_settings().replace(**overrides)


# ------------------------------------------------------------------ writing


# XML reads a carriage return as a line feed: the XLSX tests leave that one out.
XLSX_TEXTS = [value for value in TRICKY if value and "\r" not in value]


def test_it_writes_a_formula_as_a_text_cell_in_xlsx():
    formulas = [value for value in FORMULAS if value in XLSX_TEXTS]
    with writer.xlsx_file([["name"], *([value] for value in formulas)], title="Contacts") as fh:
        sheet = load_workbook(fh).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == formulas
    assert {cell.data_type for cell in cells} == {"s"}


def test_it_writes_an_error_code_and_a_control_character_as_text_in_xlsx():
    values = ["#N/A", "#DIV/0!", "tab\x07bell", "plain"]
    with writer.xlsx_file([["name"], *([value] for value in values)], title="Contacts") as fh:
        sheet = load_workbook(fh).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == ["#N/A", "#DIV/0!", "tab\ufffdbell", "plain"]
    assert {cell.data_type for cell in cells} == {"s"}


def test_it_writes_each_text_in_its_cell_with_no_table_of_strings_to_grow():
    rows = [["name"], *([f"Person {n}", "=1+1"] for n in range(50))]
    with writer.xlsx_file(rows, title="Contacts") as fh, zipfile.ZipFile(fh) as archive:
        names = archive.namelist()
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    # A shared-strings table would hold every distinct text until the end.
    assert "xl/sharedStrings.xml" not in names
    assert sheet.count('t="inlineStr"') == 101 and "<f>" not in sheet


def test_it_neutralises_a_leading_formula_character_in_csv():
    text = "".join(writer.csv_stream([[value] for value in FORMULAS]))
    cells = [row[0] for row in _csv_cells(text)]
    assert cells == ["'" + value for value in FORMULAS]
    assert cells[0].startswith("'=")


def test_it_leaves_phone_numbers_alone_in_csv():
    text = "".join(writer.csv_stream([["+218 91 234 5678", "-12.5", "+1 (555) 123-4567"]]))
    assert _csv_cells(text) == [["+218 91 234 5678", "-12.5", "+1 (555) 123-4567"]]


def test_it_starts_the_csv_with_a_byte_order_mark_for_excel():
    assert next(writer.csv_stream([["x"]])) == "\ufeff"


def test_it_reads_back_exactly_what_it_wrote_in_csv():
    content = "".join(writer.csv_stream([["value"], *([v] for v in TRICKY)])).encode()
    rows = _read(content, "back.csv")
    assert [cell_text(row.values[0]) if row.values else "" for row in rows[1:]] == [
        v for v in TRICKY if v
    ]


def test_it_reads_back_exactly_what_it_wrote_in_xlsx():
    with writer.xlsx_file([["value"], *([v] for v in XLSX_TEXTS)], title="x") as fh:
        rows = _read(fh.read(), "back.xlsx")
    assert [row.values[0] for row in rows[1:]] == XLSX_TEXTS


def test_it_writes_a_workbook_whose_columns_offer_the_lists_of_other_sheets():
    sheets = [
        writer.Sheet(title="Projects", rows=[["status"], ["=1+1"]], choices={0: "Statuses"}),
        writer.Sheet(title="Statuses", rows=[["status"], ["1 – Pipeline"], ["2 – Ongoing"]]),
    ]
    with writer.xlsx_workbook(sheets) as fh:
        workbook = load_workbook(fh)
    (validation,) = workbook["Projects"].data_validations.dataValidation
    assert (validation.type, validation.formula1) == ("list", "'Statuses'!$A$2:$A$3")
    assert str(validation.sqref) == "A2:A1001"
    assert workbook["Projects"]["A2"].data_type == "s"  # still text, not a formula


def test_it_refuses_merged_cells_naming_them():
    content = xlsx_bytes([["a", "b"], ["x", "y"], ["", "z"]], merged=["A2:A3"])
    with pytest.raises(reader.SpreadsheetRejected, match="A2:A3 are merged"):
        _read(content, "merged.xlsx")


# ------------------------------------------------------------------ limits


def test_it_refuses_a_zip_bomb_before_parsing_it():
    bomb = xlsx_bomb(uncompressed_mb=105)
    assert len(bomb) < 500_000
    started = time.monotonic()
    with pytest.raises(reader.SpreadsheetRejected) as refused:
        _read(bomb, "bomb.xlsx", max_uncompressed_bytes=25 * 1024 * 1024)
    assert time.monotonic() - started < 1
    assert "unpacks to 105.0\xa0MB" in str(refused.value)
    assert "25.0\xa0MB" in str(refused.value)


def test_it_refuses_xml_entities_in_a_workbook():
    started = time.monotonic()
    with pytest.raises(reader.SpreadsheetRejected, match="not a valid Excel"):
        _read(xlsx_entity_bomb(), "laughs.xlsx")
    assert time.monotonic() - started < 1


def test_it_allows_20000_rows_by_default():
    assert reader.ImportLimits.from_settings().max_rows == 20_000


def test_it_refuses_a_workbook_of_too_many_parts():
    with pytest.raises(reader.SpreadsheetRejected, match="more than 5 parts"):
        _read(xlsx_bytes([["a"]]), "parts.xlsx", max_zip_entries=5)


def test_it_refuses_a_file_over_the_size_limit():
    with pytest.raises(reader.SpreadsheetRejected, match="larger than"):
        _read(csv_bytes([["a"]] * 100), "big.csv", max_bytes=50)


@pytest.mark.parametrize("name", ["rows.csv", "rows.xlsx"])
def test_it_refuses_more_rows_than_the_limit_naming_it(name):
    rows = [["email"], *([f"p{n}@x.example"] for n in range(6))]
    content = csv_bytes(rows) if name.endswith(".csv") else xlsx_bytes(rows)
    assert len(_read(content, name, max_rows=6)) == 7
    with pytest.raises(reader.SpreadsheetRejected) as refused:
        _read(content, name, max_rows=5)
    assert "more than 5 rows" in str(refused.value)


def test_it_counts_the_rows_even_when_the_sheet_claims_fewer():
    lying = xlsx_bytes([["email"], *([f"p{n}@x.example"] for n in range(9))], dimension="A1:A2")
    with pytest.raises(reader.SpreadsheetRejected, match="more than 5 rows"):
        _read(lying, "lying.xlsx", max_rows=5)


def test_it_names_the_row_and_column_of_an_oversized_csv_cell():
    content = csv_bytes([["name_en", "email"], ["Amina", "a@x.example"], ["x" * 200_000, "b@x"]])
    with pytest.raises(reader.SpreadsheetRejected) as refused:
        _read(content, "long.csv")
    message = str(refused.value)
    assert "Row 3, column A (name_en)" in message
    assert "200,000 characters" in message and "32,767" in message


def test_it_names_the_sheet_of_an_oversized_xlsx_cell():
    content = xlsx_bytes([["name_en", "email"], ["Amina", "y" * 101]])
    with pytest.raises(reader.SpreadsheetRejected, match='Sheet "Sheet": Row 2, column B'):
        _read(content, "long.xlsx", max_cell_chars=100)


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize(
    "content",
    [
        "name_ar,email\nأمينة حداد,a@x.example\n".encode(),
        "\ufeffname_ar,email\nأمينة حداد,a@x.example\n".encode(),
        "name_ar,email\nأمينة حداد,a@x.example\n".encode("cp1256"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1256"],
)
def test_it_reads_arabic_csv_in_the_encodings_excel_saves(content):
    rows = _read(content, "arabic.csv")
    assert [row.values for row in rows] == [("name_ar", "email"), ("أمينة حداد", "a@x.example")]


def test_it_numbers_rows_as_the_spreadsheet_shows_them():
    rows = _read(b"email\n\na@x.example\n\n\nb@x.example\n", "gaps.csv")
    assert [(row.number, row.values) for row in rows] == [
        (1, ("email",)),
        (3, ("a@x.example",)),
        (6, ("b@x.example",)),
    ]


# ------------------------------------------------------------------ typed cells


def test_it_reads_numbers_and_dates_as_what_they_are():
    content = xlsx_bytes(
        [
            ["phone", "phone as float", "phone styled as a date", "date", "serial", "ratio"],
            [218912345678, 218912345678.0, 218912345678, dt.date(2026, 1, 5), 46027, 0.25],
        ],
        formats={"C2": "yyyy-mm-dd"},
        stored={"B2": "2.18912345678E+11"},
    )
    header, row = _read(content, "typed.xlsx")
    phone, phone_float, styled, date, serial, ratio = row.values
    assert [cell_text(v) for v in (phone, phone_float, styled)] == ["218912345678"] * 3
    assert date == dt.date(2026, 1, 5)
    assert cell_text(date) == "2026-01-05"
    assert serial == 46027 and cell_text(serial) == "46027"
    assert cell_date(serial) == dt.date(2026, 1, 5)
    assert cell_date("2026-01-05") == "2026-01-05"  # text is left for the form to parse
    assert ratio == 0.25 and cell_text(ratio) == "0.25"


def test_it_keeps_a_date_with_its_time():
    content = xlsx_bytes([["at"], [dt.datetime(2026, 1, 5, 9, 30)]])
    assert _read(content, "time.xlsx")[1].values == (dt.datetime(2026, 1, 5, 9, 30),)
