"""Projects as a spreadsheet (DESIGN §3 "Exchange"): one row per project, the
columns below, written through the one safe writer and read through the one
guarded reader (``coordination.spreadsheets``).

The same columns serve the export, the template and the import, so a file can
be exported, edited and imported back, and importing an unchanged export
changes nothing. The header may be in English or Arabic (or the column keys);
cells that hold several values separate them with ";":

- districts: ISO 3166-2 codes (``LY-TB``) or names; participants and
  beneficiaries: acronyms or names of organizations the portal knows;
- budget: ``2026: 150000`` (a calendar year) or ``2026-07-01/2027-06-30:
  150000``, in the project's currency unless a code follows (``… EUR``);
- pledged, committed, disbursed, spent: ``2026-03-01: 50000`` (value date and
  amount, currency as for the budget).

Dates are date cells or text ``YYYY-MM-DD``; a bare Excel date number or a
date written another way is refused with the date it may have meant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils.datetime import from_excel

from coordination.spreadsheets import reader, writer
from coordination.spreadsheets.cells import cell_text

from ..models import Project, ProjectBudget, ProjectParticipant
from .records import (
    CURRENCY,
    SHEET_TRANSACTION_TYPES,
    Directory,
    Problems,
    ProjectRecord,
    amount_text,
    parse_amount,
    parse_iso_date,
)

Role = ProjectParticipant.Role
PARTICIPANT_COLUMNS = {
    "funding": Role.FUNDING,
    "implementing": Role.IMPLEMENTING,
    "accountable": Role.ACCOUNTABLE,
    "extending": Role.EXTENDING,
}
COLUMNS = [
    ("id", gettext_lazy("Portal number")),
    ("iati_identifier", gettext_lazy("IATI identifier")),
    ("title_en", gettext_lazy("Title (English)")),
    ("title_ar", gettext_lazy("Title (Arabic)")),
    ("description_en", gettext_lazy("Description (English)")),
    ("description_ar", gettext_lazy("Description (Arabic)")),
    ("organization", gettext_lazy("Reporting organization")),
    ("swg", gettext_lazy("Working group")),
    ("subsector", gettext_lazy("Subsector")),
    ("dac_sector", gettext_lazy("OECD DAC sector")),
    ("national_priority", gettext_lazy("National priority")),
    ("status", gettext_lazy("Status")),
    ("status_reason", gettext_lazy("Reason for the status")),
    ("planned_start", gettext_lazy("Planned start")),
    ("planned_end", gettext_lazy("Planned end")),
    ("actual_start", gettext_lazy("Actual start")),
    ("actual_end", gettext_lazy("Actual end")),
    ("nationwide", gettext_lazy("Nationwide")),
    ("districts", gettext_lazy("Districts")),
    ("beneficiaries", gettext_lazy("Beneficiary institutions")),
    ("funding", gettext_lazy("Funding organizations")),
    ("implementing", gettext_lazy("Implementing organizations")),
    ("accountable", gettext_lazy("Accountable organizations")),
    ("extending", gettext_lazy("Extending organizations")),
    ("currency", gettext_lazy("Currency")),
    ("budget", gettext_lazy("Budget")),
    ("pledged", gettext_lazy("Pledged")),
    ("committed", gettext_lazy("Committed")),
    ("disbursed", gettext_lazy("Disbursed")),
    ("spent", gettext_lazy("Spent")),
    ("comments", gettext_lazy("Comments")),
]
KEYS = [key for key, _label in COLUMNS]
REQUIRED = {"organization", "swg"}
DATE_COLUMNS = ("planned_start", "planned_end", "actual_start", "actual_end")
TEXT_COLUMNS = (
    "iati_identifier",
    "title_en",
    "title_ar",
    "description_en",
    "description_ar",
    "status_reason",
    "comments",
)
# The columns the rejected-rows file adds (swg.services.imports): ignored on import.
REJECTED_FILE_COLUMNS = {"row", "errors"}
YES = {"yes", "y", "true", "1", "نعم"}
NO = {"no", "n", "false", "0", "لا", ""}
# Where a field's problem is shown: its column.
PLACES = {"budgets": "budget", "owner": "organization"}


# What the preview calls a changed field that is not a column of its own.
FIELD_LABELS = {
    "owner": gettext_lazy("Reporting organization"),
    "participants": gettext_lazy("Participating organizations"),
    "budgets": gettext_lazy("Budget"),
    "transactions": gettext_lazy("Transactions"),
}


def change_labels(keys: list[str]) -> list[str]:
    """The preview's names for changed fields, in the reader's language."""
    labels = {**dict(COLUMNS), **FIELD_LABELS}
    return [str(labels.get(key, key)) for key in keys]


def header(language: str) -> list[str]:
    with translation.override(language):
        return [str(label) for _key, label in COLUMNS]


def status_text(status: int) -> str:
    return f"{status} – {Project.Status(status).label}"


def _names(items) -> str:
    return "; ".join(items)


def _org_name(organization) -> str:
    return organization.acronym or organization.name_en or organization.name_ar


def _money_list(entries: Iterable[tuple[str, object, str]], currency: str) -> str:
    parts = []
    for when, value, entry_currency in entries:
        text = f"{when}: {amount_text(value)}"
        if entry_currency != currency:
            text += f" {entry_currency}"
        parts.append(text)
    return "; ".join(parts)


def _budget_period(budget) -> str:
    start, end = budget.period_start, budget.period_end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{start.isoformat()}/{end.isoformat()}"


def project_row(project: Project) -> list:
    """One project as a row, from the lists ``selectors.exchange.spreadsheet_queryset``
    prefetches (``sheet_<relation>``)."""
    participants = {key: [] for key in PARTICIPANT_COLUMNS}
    roles = {role: key for key, role in PARTICIPANT_COLUMNS.items()}
    for participant in project.sheet_participants:
        participants[roles[participant.role]].append(_org_name(participant.organization))
    money = {key: [] for key in SHEET_TRANSACTION_TYPES}
    columns_of = {kind: key for key, kind in SHEET_TRANSACTION_TYPES.items()}
    for item in project.sheet_transactions:
        if item.type in columns_of:
            money[columns_of[item.type]].append(
                (item.value_date.isoformat(), item.value, item.currency)
            )
    values = {
        "id": project.pk,
        "organization": _org_name(project.owner),
        "swg": project.swg.slug,
        "subsector": project.subsector.slug if project.subsector else "",
        "dac_sector": project.dac_sector,
        "national_priority": project.national_priority.code if project.national_priority else "",
        "status": status_text(project.status),
        "nationwide": _("yes") if project.nationwide else _("no"),
        "districts": _names(d.code for d in project.sheet_districts),
        "beneficiaries": _names(_org_name(o) for o in project.sheet_beneficiaries),
        "currency": project.currency,
        "budget": _money_list(
            ((_budget_period(b), b.value, b.currency) for b in project.sheet_budgets),
            project.currency,
        ),
        **{key: _names(names) for key, names in participants.items()},
        **{key: _money_list(entries, project.currency) for key, entries in money.items()},
    }
    for name in TEXT_COLUMNS:
        values[name] = getattr(project, name)
    for name in DATE_COLUMNS:
        values[name] = getattr(project, name)
    return [values[key] for key in KEYS]


def _table(projects: Iterable[Project], language: str) -> Iterator[list]:
    yield header(language)
    for project in projects:
        yield project_row(project)


def export_csv(projects: Iterable[Project], *, language: str = "en") -> Iterator[str]:
    return writer.csv_stream(_table(projects, language))


def _instructions(language: str) -> Iterator[list]:
    with translation.override(language):
        yield [_("How to fill in this template")]
        for line in (
            _(
                "One row per project. Keep the Portal number of a project you update; leave it "
                "empty for a new project."
            ),
            _(
                "Required: Reporting organization and Working group (its short code), and a "
                "title in English or Arabic."
            ),
            _("Status, Working group, Currency and Nationwide offer a list: choose from it."),
            _("Dates: a date cell, or text written YYYY-MM-DD."),
            _(
                "Several values in one cell are separated by “;”. Districts: ISO codes such as "
                "LY-TB (see the Districts sheet)."
            ),
            _(
                "Budget: “2026: 150000” for a calendar year or “2026-07-01/2027-06-30: 150000”; "
                "add a currency code after the amount when it is not the project's currency."
            ),
            _(
                "Pledged, Committed, Disbursed, Spent: “2026-03-01: 50000”, the value date and "
                "the amount."
            ),
            _(
                "Do not merge cells. Nothing is saved until every row is valid and you confirm "
                "the preview."
            ),
        ):
            yield [line]


def _choice_sheet(title: str, heading: str, values: Iterable) -> writer.Sheet:
    return writer.Sheet(title=title, rows=[[heading], *([v] for v in values)])


def export_xlsx(projects: Iterable[Project], *, language: str = "en", template: bool = False):
    """The projects as a workbook (a temporary file, to stream and close). A
    template adds the instructions and the lists the coded columns offer."""
    with translation.override(language):
        sheets = [writer.Sheet(title=_("Projects"), rows=_table(projects, language))]
        if template:
            from swg.models import SWG

            from ..models import District
            from ..models.reference import CURRENCIES

            lists = {
                "status": _choice_sheet(
                    _("Statuses"), _("Status"), (status_text(s) for s in Project.Status.values)
                ),
                "swg": _choice_sheet(
                    _("Working groups"),
                    _("Working group"),
                    SWG.objects.filter(is_active=True).values_list("slug", flat=True),
                ),
                "currency": _choice_sheet(
                    _("Currencies"), _("Currency"), (code for code, _label in CURRENCIES)
                ),
                "nationwide": _choice_sheet(_("Yes or no"), _("Nationwide"), (_("yes"), _("no"))),
            }
            sheets[0].choices = {KEYS.index(key): sheet.title for key, sheet in lists.items()}
            districts = writer.Sheet(
                title=_("Districts"),
                rows=[[_("Code"), _("Name (English)"), _("Name (Arabic)")]]
                + [[d.code, d.name_en, d.name_ar] for d in District.objects.order_by("code")],
            )
            sheets += [
                writer.Sheet(title=_("Instructions"), rows=_instructions(language)),
                *lists.values(),
                districts,
            ]
        return writer.xlsx_workbook(sheets)


# ------------------------------------------------------------------ import


def _header_keys() -> dict[str, str]:
    known = {}
    for language in ("en", "ar"):
        for key, label in zip(KEYS, header(language), strict=True):
            known.setdefault(_fold(label), key)
    for key in KEYS:
        known[_fold(key)] = key
    return known


def _fold(text) -> str:
    return " ".join(str(text or "").split()).casefold()


def sheet_rows(file: BinaryIO, *, name: str):
    """The header's keys and the rows below it, through the guarded reader;
    refuses a file whose header lacks a required column or has an unknown one."""
    rows = reader.spreadsheet_rows(file, name=name)
    first = next(rows, None)
    head = first.values if first else ()
    known = _header_keys()
    keys = []
    for index, label in enumerate(head):
        key = known.get(_fold(label))
        if key is None and _fold(label) in REJECTED_FILE_COLUMNS:
            pass  # the rejected-rows file, fixed and uploaded again
        elif key is None and label not in (None, ""):
            raise reader.SpreadsheetRejected(
                _("Column %(column)s: “%(label)s” is not a column of the project template.")
                % {"column": index + 1, "label": label}
            )
        keys.append(key)
    missing = REQUIRED - set(keys)
    if missing:
        labels = dict(COLUMNS)
        raise reader.SpreadsheetRejected(
            _("Missing column(s): %(columns)s.")
            % {"columns": ", ".join(str(labels[key]) for key in sorted(missing))}
        )
    return head, keys, rows


class RowReader:
    """Turns one row into a ``ProjectRecord``, collecting its problems by column."""

    def __init__(self, directory: Directory, header_labels: tuple, keys: list):
        self.directory = directory
        self.labels = {key: str(header_labels[i]) for i, key in enumerate(keys) if key}
        self.keys = keys

    @property
    def places(self) -> dict:
        """Where each field's problems are shown: its column's header."""
        places = {key: self.place(key) for key in KEYS}
        places.update({field: self.place(key) for field, key in PLACES.items()})
        return places

    def place(self, key: str) -> str:
        return self.labels.get(key, str(dict(COLUMNS).get(key, key)))

    def read(self, row: reader.SheetRow) -> tuple[ProjectRecord, Problems, dict]:
        cells = {key: value for key, value in zip(self.keys, row.values, strict=False) if key}
        problems = Problems()
        record = ProjectRecord(number=row.number, where=_("Row %(row)s") % {"row": row.number})
        fields = record.fields

        def fail(key, message):
            problems.add(self.place(key), message)

        for name in TEXT_COLUMNS:
            if name in self.labels:
                fields[name] = cell_text(cells.get(name)).strip()
        for name in DATE_COLUMNS:
            if name in self.labels:
                try:
                    fields[name] = _date(cells.get(name))
                except ValueError as error:
                    fail(name, error)
        self._coded(cells, fields, fail)
        currency = fields.get("currency", "USD")
        if "districts" in self.labels:
            record.districts = self._each(cells, "districts", self.directory.district, fail)
        if "beneficiaries" in self.labels:
            record.beneficiaries = self._each(
                cells, "beneficiaries", self.directory.organization, fail
            )
        if set(PARTICIPANT_COLUMNS) & set(self.labels):
            record.participants = []
            for key, role in PARTICIPANT_COLUMNS.items():
                for organization in self._each(cells, key, self.directory.organization, fail):
                    if (organization, role) not in record.participants:
                        record.participants.append((organization, role))
        if "budget" in self.labels:
            record.budgets = []
            for when, value, entry_currency in self._money(cells, "budget", currency, fail):
                try:
                    start, end = _period(when)
                except ValueError as error:
                    fail("budget", error)
                    continue
                record.budgets.append(
                    {
                        "period_start": start,
                        "period_end": end,
                        "value": value,
                        "currency": entry_currency,
                    }
                )
        covered = [k for k in SHEET_TRANSACTION_TYPES if k in self.labels]
        if covered:
            record.transactions = []
            record.transaction_types = frozenset(SHEET_TRANSACTION_TYPES[k] for k in covered)
            for key in covered:
                for when, value, entry_currency in self._money(cells, key, currency, fail):
                    try:
                        day = parse_iso_date(when)
                    except ValueError as error:
                        fail(key, error)
                        continue
                    record.transactions.append(
                        {
                            "type": SHEET_TRANSACTION_TYPES[key],
                            "value_date": day,
                            "value": value,
                            "currency": entry_currency,
                        }
                    )
        return record, problems, cells

    def _coded(self, cells, fields, fail):
        directory = self.directory
        text = {key: cell_text(cells.get(key)).strip() for key in KEYS}
        organization = directory.organization(text["organization"])
        if not text["organization"]:
            fail("organization", _("Name the reporting organization."))
        elif organization is None:
            fail("organization", _unknown(_("organization"), text["organization"]))
        else:
            fields["owner"] = organization
        swg = directory.swg(text["swg"])
        if not text["swg"]:
            fail("swg", _("Name the working group (its short code)."))
        elif swg is None:
            fail("swg", _unknown(_("working group"), text["swg"]))
        else:
            fields["swg"] = swg
        if "subsector" in self.labels:
            fields["subsector"] = None
            if text["subsector"] and swg is not None:
                subsector = directory.subsector(swg, text["subsector"])
                if subsector is None:
                    fail(
                        "subsector",
                        _("“%(value)s” is not a subsector of %(swg)s.")
                        % {"value": text["subsector"], "swg": swg.slug},
                    )
                fields["subsector"] = subsector
        if "dac_sector" in self.labels:
            code = text["dac_sector"]
            if code and not (len(code) == 5 and code.isdigit()):
                fail("dac_sector", _("An OECD DAC purpose code has five digits."))
            fields["dac_sector"] = code
        if "national_priority" in self.labels:
            fields["national_priority"] = None
            if text["national_priority"]:
                priority = directory.priority(text["national_priority"])
                if priority is None:
                    fail(
                        "national_priority",
                        _unknown(_("national priority"), text["national_priority"]),
                    )
                fields["national_priority"] = priority
        if "status" in self.labels and text["status"]:
            status = _status(text["status"])
            if status is None:
                fail(
                    "status",
                    _("“%(value)s” is not a status: choose one from the list (1 to 6).")
                    % {"value": text["status"]},
                )
            else:
                fields["status"] = status
        if "nationwide" in self.labels:
            answer = text["nationwide"].casefold()
            if answer in YES or answer == _("yes").casefold():
                fields["nationwide"] = True
            elif answer in NO or answer == _("no").casefold():
                fields["nationwide"] = False
            else:
                fail("nationwide", _("Write yes or no."))
        if "currency" in self.labels:
            currency = text["currency"].upper() or "USD"
            if not CURRENCY.match(currency):
                fail("currency", _("Use the three-letter ISO 4217 code, e.g. USD."))
            fields["currency"] = currency

    def _each(self, cells, key, find, fail) -> list:
        found = []
        for name in _split(cells.get(key)):
            item = find(name)
            if item is None:
                fail(key, _unknown(str(self.place(key)), name))
            elif item not in found:
                found.append(item)
        return found

    def _money(self, cells, key, currency, fail):
        for entry in _split(cells.get(key)):
            when, sep, rest = entry.partition(":")
            if not sep:
                fail(
                    key,
                    _("“%(value)s”: write the date or period, a colon and the amount.")
                    % {"value": entry},
                )
                continue
            parts = rest.split()
            entry_currency = currency
            if len(parts) == 2 and CURRENCY.match(parts[1]):
                entry_currency = parts[1]
                parts = parts[:1]
            if len(parts) != 1:
                fail(key, _("“%(value)s” is not an amount.") % {"value": rest.strip()})
                continue
            try:
                value = parse_amount(parts[0])
            except ValueError as error:
                fail(key, error)
                continue
            yield when.strip(), value, entry_currency


def _unknown(what, name) -> str:
    return _("Unknown %(what)s “%(name)s”.") % {"what": what, "name": name}


def _split(value) -> list[str]:
    return [part.strip() for part in cell_text(value).split(";") if part.strip()]


def _status(text: str) -> int | None:
    digits = text.split("–")[0].split("-")[0].strip()
    if digits.isdigit() and int(digits) in Project.Status.values:
        return int(digits)
    for status in Project.Status:
        if text.casefold() in {status.label.casefold(), str(status.label).casefold()}:
            return status.value
    return None


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            meant = from_excel(value).date().isoformat()
        except (OverflowError, ValueError, TypeError):
            meant = None
        if meant:
            raise ValueError(
                _(
                    "%(value)s is an Excel date number: format the cell as a date, or write "
                    "%(date)s if that is the date meant."
                )
                % {"value": value, "date": meant}
            )
        raise ValueError(_("%(value)s is not a date.") % {"value": value})
    return parse_iso_date(value)


def _period(text: str) -> tuple[dt.date, dt.date]:
    if text.isdigit() and len(text) == 4:
        year = int(text)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    start, sep, end = text.partition("/")
    if not sep:
        raise ValueError(
            _(
                "“%(value)s” is not a budget period: write a year (2026) or two dates "
                "(2026-07-01/2027-06-30)."
            )
            % {"value": text}
        )
    return parse_iso_date(start), parse_iso_date(end)


BUDGET_STATUS_DEFAULT = ProjectBudget.Status.INDICATIVE
