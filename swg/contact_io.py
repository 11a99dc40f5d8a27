"""Contact lists in and out: CSV, XLSX and vCard 3.0 exports; CSV/XLSX import.

The import is all-or-nothing (DEVELOPERS: "nothing is half-saved"): every row is
validated first, every problem is reported with its row number and column, and
rows are written in one transaction only when all of them are valid. Contacts
are matched on email, so importing the same file twice creates no duplicates.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import vobject
from django import forms
from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from .forms import PortalForm
from .models import Contact, ImportJob, Organization

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


# ------------------------------------------------------------------ import


class ImportFileForm(PortalForm):
    submit_label = gettext_lazy("Check and import")

    file = forms.FileField(
        label=gettext_lazy("Contact list (CSV or XLSX)"),
        help_text=gettext_lazy(
            "Columns: email and organization (acronym or name) are required; name_en, name_ar, "
            "title, mobile, landline, gender (f/m), languages, preferred_language (en/ar) are "
            "optional. An exported list can be imported back."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith(ALLOWED_EXTENSIONS):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s.")
                % {"limit": filesizeformat(settings.IMPORT_MAX_BYTES)}
            )
        head = upload.read(4)
        upload.seek(0)
        if name.endswith(".xlsx") and head != b"PK\x03\x04":
            raise forms.ValidationError(_("This is not a valid Excel (.xlsx) file."))
        try:
            rows = read_table(upload.read(), upload.name)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        finally:
            upload.seek(0)
        if len(rows) < 2:
            raise forms.ValidationError(_("The file has no rows below its header."))
        missing = REQUIRED_COLUMNS - set(rows[0])
        if missing:
            raise forms.ValidationError(
                _("Missing column(s): %(columns)s.") % {"columns": ", ".join(sorted(missing))}
            )
        return upload


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


class ContactRowForm(forms.Form):
    name_en = forms.CharField(max_length=200, required=False)
    name_ar = forms.CharField(max_length=200, required=False)
    title = forms.CharField(max_length=200, required=False)
    organization = forms.CharField(max_length=255)
    email = forms.EmailField()
    mobile = forms.CharField(max_length=40, required=False)
    landline = forms.CharField(max_length=40, required=False)
    gender = forms.CharField(required=False)
    languages = forms.CharField(max_length=100, required=False)
    preferred_language = forms.CharField(required=False)

    GENDERS = {
        "f": "f",
        "female": "f",
        "woman": "f",
        "w": "f",
        "أنثى": "f",
        "امرأة": "f",
        "m": "m",
        "male": "m",
        "man": "m",
        "ذكر": "m",
        "رجل": "m",
        "x": "x",
        "": "x",
    }

    def __init__(self, *args, organizations: Callable[[str], Organization | None], **kwargs):
        super().__init__(*args, **kwargs)
        self._find_organization = organizations

    def clean_organization(self):
        org = self._find_organization(self.cleaned_data["organization"])
        if org is None:
            raise forms.ValidationError(_("Unknown organization; use its acronym or name."))
        return org

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_gender(self):
        value = self.cleaned_data["gender"].strip().lower()
        if value not in self.GENDERS:
            raise forms.ValidationError(_("Use f, m or leave empty."))
        return self.GENDERS[value]

    def clean_preferred_language(self):
        value = (self.cleaned_data["preferred_language"] or "en").strip().lower()
        if value not in {"en", "ar"}:
            raise forms.ValidationError(_("Use en or ar."))
        return value

    def clean(self):
        data = super().clean()
        if not data.get("name_en") and not data.get("name_ar"):
            self.add_error("name_en", _("Give the name in English or Arabic (or both)."))
        return data


def _organization_finder() -> Callable[[str], Organization | None]:
    index: dict[str, Organization] = {}
    for org in Organization.objects.all():
        for key in (org.acronym, org.name_en, org.name_ar):
            if key:
                index.setdefault(key.strip().lower(), org)
    return lambda value: index.get((value or "").strip().lower())


@dataclass
class ImportResult:
    errors: list[dict]
    created: int = 0
    updated: int = 0
    total: int = 0


def contacts_import_start(*, upload, by) -> ImportJob:
    """Store the upload and let a worker check and import it (DEVELOPERS: long
    work runs in Celery and the page shows its progress)."""
    from .tasks import import_contacts

    job = ImportJob.objects.create(file=upload, original_name=upload.name[:255], created_by=by)
    # The worker must see the committed row (pretix habit: queue on commit).
    transaction.on_commit(lambda: import_contacts.delay(job.pk))
    return job


def contacts_import(
    *, rows: list[list[str]], by=None, progress: Callable[[int], None] | None = None
) -> ImportResult:
    """Validate every row; write all of them or none."""
    header, body = rows[0], rows[1:]
    find = _organization_finder()
    cleaned, errors, seen = [], [], {}
    for index, raw in enumerate(body, start=2):
        data = {key: (raw[i] if i < len(raw) else "") for i, key in enumerate(header)}
        form = ContactRowForm(data, organizations=find)
        if not form.is_valid():
            for column, messages in form.errors.items():
                for message in messages:
                    errors.append({"row": index, "column": column, "message": message})
            continue
        email = form.cleaned_data["email"]
        if email in seen:
            errors.append(
                {
                    "row": index,
                    "column": "email",
                    "message": _("The same email is already on row %(row)s.")
                    % {"row": seen[email]},
                }
            )
            continue
        seen[email] = index
        cleaned.append(form.cleaned_data)
        if progress and index % 25 == 0:
            progress(int(80 * index / (len(body) + 1)))
    result = ImportResult(errors=errors, total=len(body))
    if errors:
        return result
    existing = {c.email.lower(): c for c in Contact.objects.filter(email__in=list(seen))}
    with transaction.atomic():
        for data in cleaned:
            contact = existing.get(data["email"]) or Contact()
            changed = False
            for field, value in data.items():
                if getattr(contact, field if field != "organization" else "organization_id") != (
                    value.pk if field == "organization" else value
                ):
                    setattr(contact, field, value)
                    changed = True
            if contact.pk is None:
                result.created += 1
            elif changed:
                result.updated += 1
            else:
                continue
            if by is not None:
                contact._history_user = by
            contact.save()
    return result


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


def contact_rows_for(queryset, *, swg=None) -> list[ContactRow]:
    """Rows for an export; with ``swg``, each person's role and task in it."""
    if swg is None:
        return [ContactRow(contact=c) for c in queryset.select_related("organization")]
    from .selectors import swg_contact_list

    return [
        ContactRow(contact=entry.contact, swg=swg.name, role=entry.role_label, task=entry.task)
        for entry in swg_contact_list(swg=swg, contacts=queryset)
    ]


__all__ = [
    "ContactRow",
    "ImportFileForm",
    "contacts_import",
    "contact_rows_for",
    "export_csv",
    "export_vcard",
    "export_xlsx",
    "invalid_rows_csv",
    "read_table",
]
