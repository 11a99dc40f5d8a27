"""Spreadsheet files for import tests: CSV and XLSX bytes from rows, and
hostile files (a zip bomb) built on the spot rather than stored."""

import csv
import io
import re
import zipfile

from openpyxl import Workbook

BOMB_ROW = '<row><c t="inlineStr"><is><t>bomb</t></is></c></row>'


def csv_bytes(rows, *, encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(
    rows,
    *,
    formats: dict[str, str] | None = None,
    stored: dict[str, str] | None = None,
    dimension: str | None = None,
    merged: list[str] | None = None,
) -> bytes:
    """A workbook of ``rows``. ``formats`` maps a cell ("A2") to a number
    format; ``stored`` maps a number cell to the text stored in the file for it
    (other programs write 218912345678 as "2.18912345678E+11"); ``dimension``
    replaces the sheet's claim of its size ("A1:A2"); ``merged`` lists ranges
    to merge ("A2:A3")."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for cells in merged or ():
        sheet.merge_cells(cells)
    for coordinate, number_format in (formats or {}).items():
        sheet[coordinate].number_format = number_format
    out = io.BytesIO()
    workbook.save(out)

    def edit(xml: bytes) -> bytes:
        for coordinate, text in (stored or {}).items():
            pattern = rf'(<c r="{coordinate}"[^>]*><v>)[^<]*(</v>)'.encode()
            xml, found = re.subn(pattern, rb"\g<1>" + text.encode() + rb"\g<2>", xml)
            assert found == 1, coordinate
        if dimension:
            xml, found = re.subn(
                rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), xml
            )
            assert found == 1
        return xml

    return _edit_sheet(out.getvalue(), edit) if stored or dimension else out.getvalue()


def _edit_sheet(content: bytes, edit) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data)
            target.writestr(info, data)
    return out.getvalue()


def xlsx_bomb(*, uncompressed_mb: int = 105) -> bytes:
    """A valid-looking workbook whose one sheet unpacks to ``uncompressed_mb``
    megabytes of identical rows (it compresses about 1000:1)."""
    good = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["email", "organization"]])))
    out = io.BytesIO()
    chunk = (BOMB_ROW * 1000).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in good.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(info, good.read(info))
        with bomb.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/')
            sheet.write(b'spreadsheetml/2006/main"><sheetData>')
            for _ in range(uncompressed_mb * 1024 * 1024 // len(chunk)):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def xlsx_entity_bomb() -> bytes:
    """A workbook whose sheet declares nested XML entities ("billion laughs")."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )

    def edit(xml: bytes) -> bytes:
        xml = xml.replace(b"<worksheet", f"<!DOCTYPE worksheet [{entities}]><worksheet".encode(), 1)
        return xml.replace(b"<t>email</t>", b"<t>&lol9;</t>", 1)

    return _edit_sheet(xlsx_bytes([["email", "organization"], ["a@x.example", "WHO"]]), edit)
