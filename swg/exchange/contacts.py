"""Contact list file formats (DESIGN §3 "Exchange"): CSV, XLSX and vCard 3.0
writers, the CSV/XLSX reader of an import and the file of its rejected rows.

The same column keys serve exports and imports, so an exported file can be
edited and imported back. The import itself is ``swg.services.contacts``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

import vobject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from ..models import Contact

# Column keys are the same in exports and imports, so an exported file can be
# edited and imported back.
CONTACT_COLUMNS = [
    ("name_en", gettext_lazy("Name (English)")),
    ("name_ar", gettext_lazy("Name (Arabic)")),
    ("title", gettext_lazy("Job title")),
    ("organization", gettext_lazy("Organization")),
    ("email", gettext_lazy("Email")),
    ("mobile", gettext_lazy("Mobile")),
    ("landline", gettext_lazy("Landline")),
    ("gender", gettext_lazy("Gender")),
    ("languages", gettext_lazy("Languages")),
    ("preferred_language", gettext_lazy("Language for emails")),
]
SWG_COLUMNS = [
    ("swg", gettext_lazy("Working group")),
    ("role", gettext_lazy("Role")),
    ("task", gettext_lazy("Exact task in the SWG")),
]
REQUIRED_COLUMNS = {"email", "organization"}
ALLOWED_EXTENSIONS = (".csv", ".xlsx")


@dataclass
class ContactRow:
    contact: Contact
    swg: str = ""
    role: str = ""
    task: str = ""


def _contact_values(contact: Contact) -> dict[str, str]:
    return {
        "name_en": contact.name_en,
        "name_ar": contact.name_ar,
        "title": contact.title,
        "organization": contact.organization.acronym or contact.organization.name_en,
        "email": contact.email,
        "mobile": contact.mobile,
        "landline": contact.landline,
        "gender": contact.gender,
        "languages": contact.languages,
        "preferred_language": contact.preferred_language,
    }


def _table(rows: Iterable[ContactRow], with_swg: bool):
    columns = CONTACT_COLUMNS + (SWG_COLUMNS if with_swg else [])
    keys = [key for key, _label in columns]
    yield keys
    for row in rows:
        values = _contact_values(row.contact)
        values.update(swg=row.swg, role=row.role, task=row.task)
        yield [values[k] for k in keys]


def export_csv(rows: Iterable[ContactRow], *, with_swg: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in _table(rows, with_swg):
        writer.writerow(line)
    # A byte-order mark lets Excel open the Arabic names as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(rows: Iterable[ContactRow], *, with_swg: bool = False, title: str = "") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (title or _("Contacts"))[:31]
    for line in _table(rows, with_swg):
        sheet.append(line)
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 24
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_vcard(rows: Iterable[ContactRow]) -> bytes:
    cards = []
    for row in rows:
        contact = row.contact
        card = vobject.vCard()
        full_name = contact.name_en or contact.name_ar
        card.add("fn").value = full_name
        parts = full_name.rsplit(" ", 1)
        card.add("n").value = vobject.vcard.Name(
            family=parts[-1] if len(parts) > 1 else full_name,
            given=parts[0] if len(parts) > 1 else "",
        )
        if contact.name_ar and contact.name_en:
            card.add("x-phonetic-name").value = contact.name_ar
            card.add("nickname").value = contact.name_ar
        card.add("org").value = [contact.organization.name_en or contact.organization.name_ar]
        if contact.title:
            card.add("title").value = contact.title
        email = card.add("email")
        email.value = contact.email
        email.type_param = "INTERNET"
        for number, kind in ((contact.mobile, "CELL"), (contact.landline, "WORK")):
            if number:
                tel = card.add("tel")
                tel.value = number
                tel.type_param = kind
        if row.task:
            card.add("note").value = row.task
        cards.append(card.serialize())
    return "".join(cards).encode("utf-8")


# ------------------------------------------------------------------ import files


def _normalize_header(value) -> str:
    return str(value or "").strip().lower().replace(" ", "_").replace("-", "_")


def read_table(content: bytes, filename: str) -> list[list[str]]:
    """The file as rows of strings; the first row's headers normalized."""
    if filename.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            raise ValueError(_("This is not a valid Excel (.xlsx) file.")) from None
        sheet = workbook.worksheets[0]
        rows = [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        workbook.close()
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError(_("Save the CSV file as UTF-8 and upload it again.")) from None
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    rows = [row for row in rows if any(row)]
    if rows:
        rows[0] = [_normalize_header(h) for h in rows[0]]
    return rows


def invalid_rows_csv(*, rows: list[list[str]], errors: list[dict]) -> bytes:
    """The rejected rows with their problems, to fix and upload again."""
    by_row: dict[int, list[str]] = {}
    for error in errors:
        by_row.setdefault(error["row"], []).append(f"{error['column']}: {error['message']}")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["row", *rows[0], "errors"])
    for number in sorted(by_row):
        writer.writerow([number, *rows[number - 1], "; ".join(by_row[number])])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
