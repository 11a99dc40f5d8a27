"""What every import format becomes: a ``ProjectRecord`` per project, checked
the same way whatever the file was (spreadsheet row or IATI activity), and
compared with the database to show what would change (DESIGN §3 "Exchange":
"preview of new, changed and unchanged projects").

``Directory`` loads the reference data once per import (organizations,
groups, subsectors, districts, priorities), so that checking a file of
thousands of rows runs a fixed number of queries.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from swg.models import SWG, Organization, Subsector

from ..models import District, NationalPriority, Project, Transaction

# The transaction types the spreadsheet has a column for; an IATI file may carry any.
SHEET_TRANSACTION_TYPES = {
    "pledged": Transaction.Type.PLEDGE,
    "committed": Transaction.Type.COMMITMENT,
    "disbursed": Transaction.Type.DISBURSEMENT,
    "spent": Transaction.Type.EXPENDITURE,
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclasses.dataclass
class NewOrganization:
    """A participating organization an IATI file names that the portal does
    not know yet: created when the import is confirmed."""

    name: str

    def key(self) -> str:
        return f"new:{self.name.casefold()}"


@dataclasses.dataclass
class ProjectRecord:
    number: int  # the row of the sheet, or the activity's position in the file
    where: str  # how the page names it: "Row 5", 'Activity "XM-DAC-…"'
    project: Project | None = None  # the project it updates, if any
    portal_number: int | None = None  # an IATI file exported by the portal names it
    unread: bool = False  # the activity failed the schema: its elements were not read
    fields: dict = dataclasses.field(default_factory=dict)
    districts: list | None = None
    beneficiaries: list | None = None
    participants: list | None = None  # (Organization or NewOrganization, role)
    budgets: list | None = None  # dicts: period_start, period_end, value, currency[, status]
    transactions: list | None = None  # dicts: type, value, currency, value_date[, …]
    transaction_types: frozenset = frozenset()  # the types the file speaks for


class Problems:
    """The problems of one record, each a (place, message) pair: a column
    of the sheet or an element of the activity."""

    def __init__(self):
        self.items: list[tuple[str, str]] = []

    def add(self, place: str, message: str) -> None:
        self.items.append((str(place), str(message)))

    def __bool__(self):
        return bool(self.items)


def _folded(text) -> str:
    return " ".join(str(text or "").split()).casefold()


class Directory:
    """Reference data by every name a person might write, loaded once."""

    def __init__(self):
        self.organizations: dict[str, Organization] = {}
        for organization in Organization.objects.all():
            for name in (organization.name_en, organization.name_ar, organization.acronym):
                if name:
                    self.organizations.setdefault(_folded(name), organization)
        self.swgs: dict[str, SWG] = {}
        for swg in SWG.objects.all():
            for name in (swg.slug, swg.name_en, swg.name_ar):
                if name:
                    self.swgs.setdefault(_folded(name), swg)
        self.subsectors: dict[tuple[int, str], Subsector] = {}
        for subsector in Subsector.objects.all():
            for name in (subsector.slug, subsector.name_en, subsector.name_ar):
                if name:
                    self.subsectors.setdefault((subsector.swg_id, _folded(name)), subsector)
        self.districts: dict[str, District] = {}
        for district in District.objects.all():
            for name in (district.code, district.name_en, district.name_ar):
                if name:
                    self.districts.setdefault(_folded(name), district)
        self.priorities = {_folded(p.code): p for p in NationalPriority.objects.all()}
        for priority in self.priorities.copy().values():
            for name in (priority.name_en, priority.name_ar):
                if name:
                    self.priorities.setdefault(_folded(name), priority)

    def organization(self, name) -> Organization | None:
        return self.organizations.get(_folded(name))

    def swg(self, name) -> SWG | None:
        return self.swgs.get(_folded(name))

    def subsector(self, swg: SWG, name) -> Subsector | None:
        return self.subsectors.get((swg.pk, _folded(name)))

    def district(self, name) -> District | None:
        return self.districts.get(_folded(name))

    def priority(self, name) -> NationalPriority | None:
        return self.priorities.get(_folded(name))


# ------------------------------------------------------------------ values


def parse_amount(text) -> Decimal:
    """An amount as a person writes it (``1,250,000.50`` too); ``ValueError``
    with the message to show."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        value = Decimal(str(text))
    else:
        cleaned = str(text).strip().replace(",", "").replace("\u066c", "")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not an amount.") % {"value": text}) from None
    if not value.is_finite():
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": text})
    if value < 0:
        raise ValueError(_("An amount cannot be negative (%(value)s).") % {"value": text})
    if value.as_tuple().exponent < -2 or value >= Decimal("1e14"):
        raise ValueError(_("“%(value)s” is not an amount in whole cents.") % {"value": text})
    return value.quantize(Decimal("0.01"))


def parse_iso_date(text) -> dt.date:
    text = str(text).strip()
    if ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(
        _("“%(value)s” is not a date: write it as YYYY-MM-DD (e.g. 2026-01-31).") % {"value": text}
    )


def amount_text(value: Decimal) -> str:
    """An amount as the files write it: no exponent, no needless zeros."""
    text = format(value.quantize(Decimal("0.01")), "f")
    return text[:-3] if text.endswith(".00") else text


# ------------------------------------------------------------------ checks shared by formats


def check_record(record: ProjectRecord, problems: Problems, *, places: dict) -> None:
    """The rules that span fields (the model's ``clean`` and constraints),
    named at the place of the field they are about (``places`` maps a field
    to a column or element)."""
    fields = record.fields

    def at(name):
        return places.get(name, name)

    if not (fields.get("title_en") or "").strip() and not (fields.get("title_ar") or "").strip():
        problems.add(at("title_en"), _("Give the title in English or Arabic (or both)."))
    for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
        if fields.get(start) and fields.get(end) and fields[end] < fields[start]:
            problems.add(
                at(end),
                _("The end (%(end)s) is before the start (%(start)s).")
                % {"end": fields[end].isoformat(), "start": fields[start].isoformat()},
            )
    if "status_reason" in fields:
        reason = fields["status_reason"]
    else:
        reason = getattr(record.project, "status_reason", "")
    if fields.get("status") == Project.Status.ON_HOLD and not reason:
        problems.add(at("status_reason"), _("Say why the project is on hold."))
    for budget in record.budgets or ():
        if budget["period_end"] < budget["period_start"]:
            problems.add(at("budgets"), _("A budget period ends before it starts."))


# ------------------------------------------------------------------ compare


def child_key(row, keys: tuple) -> tuple:
    """The values of ``keys`` of a child row: a dict from a file or a saved row."""
    values = []
    for key in keys:
        if isinstance(row, dict):
            value = row.get(key)
        elif key in ORGANIZATION_KEYS:
            value = getattr(row, f"{key}_id")
        else:
            value = getattr(row, key)
        if isinstance(value, NewOrganization):
            value = value.key()
        values.append(getattr(value, "pk", value))
    return tuple(values)


# What identifies a budget line or a transaction (a line with these equal is
# the same line); a format that carries more (IATI: the budget's status, the
# transaction's description and organizations) is compared on those too.
BUDGET_KEYS = ("period_start", "period_end", "value", "currency")
BUDGET_MORE = ("status",)
TRANSACTION_KEYS = ("type", "value_date", "value", "currency")
TRANSACTION_MORE = ("description", "provider", "receiver")
ORGANIZATION_KEYS = ("provider", "receiver")


def compared_keys(rows: list[dict], keys: tuple, more: tuple) -> tuple:
    return keys + tuple(k for k in more if rows and k in rows[0])


def _participant_key(organization, role) -> tuple:
    key = organization.key() if isinstance(organization, NewOrganization) else organization.pk
    return (str(key), int(role))


def record_snapshot(record: ProjectRecord) -> dict:
    """What the record says, in a form that compares with ``project_snapshot``."""
    snap = {
        name: getattr(value, "pk", value) if value != "" else ""
        for name, value in record.fields.items()
    }
    if record.districts is not None:
        snap["districts"] = sorted(d.code for d in record.districts)
    if record.beneficiaries is not None:
        snap["beneficiaries"] = sorted(o.pk for o in record.beneficiaries)
    if record.participants is not None:
        snap["participants"] = sorted(_participant_key(o, r) for o, r in record.participants)
    if record.budgets is not None:
        keys = compared_keys(record.budgets, BUDGET_KEYS, BUDGET_MORE)
        snap["budgets"] = sorted(child_key(b, keys) for b in record.budgets)
    if record.transactions is not None:
        keys = compared_keys(record.transactions, TRANSACTION_KEYS, TRANSACTION_MORE)
        snap["transactions"] = sorted(child_key(t, keys) for t in record.transactions)
    return snap


def project_snapshot(project: Project, record: ProjectRecord) -> dict:
    """The project in the shape of ``record_snapshot``, limited to what the
    record speaks for (a spreadsheet has no column for incoming funds, so
    those stay as they are). Reads prefetched relations only."""
    snap = {}
    for name in record.fields:
        value = getattr(project, f"{name}_id" if hasattr(project, f"{name}_id") else name)
        snap[name] = value
    if record.districts is not None:
        snap["districts"] = sorted(d.code for d in project.districts.all())
    if record.beneficiaries is not None:
        snap["beneficiaries"] = sorted(o.pk for o in project.beneficiaries.all())
    if record.participants is not None:
        snap["participants"] = sorted(
            _participant_key(p.organization, p.role) for p in project.participants.all()
        )
    if record.budgets is not None:
        keys = compared_keys(record.budgets, BUDGET_KEYS, BUDGET_MORE)
        snap["budgets"] = sorted(child_key(b, keys) for b in project.budgets.all())
    if record.transactions is not None:
        snap["transactions"] = sorted(
            child_key(t, compared_keys(record.transactions, TRANSACTION_KEYS, TRANSACTION_MORE))
            for t in project.transactions.all()
            if t.type in record.transaction_types
        )
    return snap


def record_changes(record: ProjectRecord) -> list[str]:
    """The names of what the record would change in its project (all of it when new)."""
    new = record_snapshot(record)
    if record.project is None:
        return sorted(new)
    old = project_snapshot(record.project, record)
    return sorted(name for name in new if new[name] != old.get(name))
