"""Contact list file formats (DESIGN §3 "Exchange"): CSV, XLSX and vCard 3.0
exports, and the columns of an import file.

The same column keys serve exports and imports, so an exported file can be
edited and imported back. Spreadsheets are written and read only through
``coordination.spreadsheets`` (text stays text, formulas are neutralised,
uploads are read within limits); the import itself is ``swg.services.contacts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

import vobject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination.spreadsheets import reader, writer

from ..models import Contact

# Column keys are the same in exports and imports, so an exported file can be
# edited and imported back.
CONTACT_COLUMNS = [
    ("name_en", gettext_lazy("Name (English)")),
    ("name_ar", gettext_lazy("Name (Arabic)")),
    ("title_en", gettext_lazy("Job title (English)")),
    ("title_ar", gettext_lazy("Job title (Arabic)")),
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
    ("task_en", gettext_lazy("Exact task in the SWG (English)")),
    ("task_ar", gettext_lazy("Exact task in the SWG (Arabic)")),
]
REQUIRED_COLUMNS = {"email", "organization"}


@dataclass
class ContactRow:
    contact: Contact
    swg: str = ""
    role: str = ""
    task_en: str = ""
    task_ar: str = ""


def _contact_values(contact: Contact) -> dict[str, str]:
    return {
        "name_en": contact.name_en,
        "name_ar": contact.name_ar,
        "title_en": contact.title_en,
        "title_ar": contact.title_ar,
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
        values.update(swg=row.swg, role=row.role, task_en=row.task_en, task_ar=row.task_ar)
        yield [values[k] for k in keys]


def export_csv(rows: Iterable[ContactRow], *, with_swg: bool = False) -> Iterator[str]:
    return writer.csv_stream(_table(rows, with_swg))


def export_xlsx(rows: Iterable[ContactRow], *, with_swg: bool = False, title: str = ""):
    """A temporary file, to stream and close."""
    return writer.xlsx_file(_table(rows, with_swg), title=title or _("Contacts"))


VCARDS_PER_PIECE = 200


def export_vcard(rows: Iterable[ContactRow]) -> Iterator[str]:
    """vCard 3.0, one card per row, yielded a few hundred cards at a time for a
    ``StreamingHttpResponse``: memory stays flat in the number of rows."""
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
            card.add("title").value = contact.title_en or contact.title_ar
        email = card.add("email")
        email.value = contact.email
        email.type_param = "INTERNET"
        for number, kind in ((contact.mobile, "CELL"), (contact.landline, "WORK")):
            if number:
                tel = card.add("tel")
                tel.value = number
                tel.type_param = kind
        task = " / ".join(t for t in (row.task_en, row.task_ar) if t)
        if task:
            card.add("note").value = task
        cards.append(card.serialize())
        if len(cards) >= VCARDS_PER_PIECE:
            yield "".join(cards)
            cards = []
    if cards:
        yield "".join(cards)


# ------------------------------------------------------------------ import files


def _normalize_header(value) -> str:
    return str(value or "").strip().lower().replace(" ", "_").replace("-", "_")


@dataclass
class ImportTable:
    header: tuple  # as in the file
    keys: list[str]  # the column keys it names
    rows: Iterator[reader.SheetRow]  # below the header


def import_table(file: BinaryIO, *, name: str) -> ImportTable:
    """An import file through the guarded reader; refuses a file without the
    required columns."""
    rows = reader.spreadsheet_rows(file, name=name)
    first = next(rows, None)
    header = first.values if first else ()
    keys = [_normalize_header(value) for value in header]
    missing = REQUIRED_COLUMNS - set(keys)
    if missing:
        raise reader.SpreadsheetRejected(
            _("Missing column(s): %(columns)s.") % {"columns": ", ".join(sorted(missing))}
        )
    return ImportTable(header=header, keys=keys, rows=rows)
