"""The contact import (DESIGN §3 "Exchange"): all-or-nothing, so nothing is
half-saved. Every row is validated first and every problem is reported with
its row number and column (the first ones on the page, all of them in the
rejected-rows file); rows are written in one transaction only when all of
them are valid. Contacts are matched on email, so importing the same file
twice creates no duplicates. The upload is checked and imported by a Celery
job while the page shows its progress (``swg.services.imports``, where this
kind is registered as ``check`` and ``write``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from coordination.emails import normalize_email
from coordination.spreadsheets.cells import cell_text
from coordination.spreadsheets.reader import SpreadsheetRejected

from ..exchange.contacts import import_table
from ..forms.contacts import ContactRowForm
from ..models import Contact, ImportJob, Organization
from .imports import ImportResult, JobRun, RowSpool, import_job_start

IMPORT_KIND = "contacts"
# Progress shown on the page: reading the file, then checking its rows.
READ_PERCENT, CHECKED_PERCENT = 10, 90
# Rows per INSERT or UPDATE statement when the checked rows are written.
WRITE_BATCH = 500


def _organization_finder() -> Callable[[str], Organization | None]:
    index: dict[str, Organization] = {}
    for org in Organization.objects.all():
        for key in (org.acronym, org.name_en, org.name_ar):
            if key:
                index.setdefault(key.strip().lower(), org)
    return lambda value: index.get((value or "").strip().lower())


def contacts_import_start(*, upload, by) -> ImportJob:
    """Store the upload and let a worker check and import it."""
    return import_job_start(upload=upload, kind=IMPORT_KIND, by=by)


def contacts_import_check(run: JobRun) -> ImportResult:
    """Read the job's file and validate every row; writes nothing. The rows
    wait in ``RowSpool`` files, not in memory: the memory a run takes does not
    grow with the file (docs/architecture.md "Long work")."""
    read = RowSpool()
    try:
        with run.job.file.open("rb") as fh:
            table = import_table(fh, name=run.job.original_name)
            for row in table.rows:
                read.append(row)
                run.progress(0)  # a sign of life while the file is read
        if not read:
            raise SpreadsheetRejected(_("The file has no rows below its header."))
        run.progress(READ_PERCENT)
        find = _organization_finder()
        result = ImportResult(header=table.header, total=len(read), rows=RowSpool())
        seen: dict[str, int] = {}
        form = ContactRowForm({}, organizations=find)
        for index, row in enumerate(read, start=1):
            data = {
                key: cell_text(value) for key, value in zip(table.keys, row.values, strict=False)
            }
            form.rebind(data)
            if not form.is_valid():
                result.reject(
                    row,
                    [
                        (column, message)
                        for column, messages in form.errors.items()
                        for message in messages
                    ],
                )
            elif form.cleaned_data["email"] in seen:
                message = _("The same email is already on row %(row)s.") % {
                    "row": seen[form.cleaned_data["email"]]
                }
                result.reject(row, [("email", message)])
            else:
                seen[form.cleaned_data["email"]] = row.number
                if not result.error_count:  # a file with a problem saves nothing
                    cleaned = dict(form.cleaned_data)
                    # The organization by its id: the row waits on disk, the
                    # organizations stay in memory once each.
                    cleaned["organization"] = cleaned["organization"].pk
                    result.rows.append(cleaned)
            run.progress(READ_PERCENT + (CHECKED_PERCENT - READ_PERCENT) * index // len(read))
    finally:
        read.close()
    return result


def contacts_import_write(result: ImportResult, by) -> None:
    """Create or update the checked contacts, matched on email, a chunk of
    ``WRITE_BATCH`` rows at a time: new ones with one bulk INSERT, changed
    ones with one bulk UPDATE, each with its history row attributed to ``by``
    (docs/architecture.md "Long work"). The caller holds the one transaction,
    so nothing is half-saved."""
    try:
        for chunk in result.rows.chunks(WRITE_BATCH):
            _write_chunk(chunk, result, by)
    finally:
        result.rows.close()


def _write_chunk(rows: list[dict], result: ImportResult, by) -> None:
    emails = [data["email"] for data in rows]
    # Matched whatever the case a stored address was written in (coordination/emails.py).
    existing = {
        normalize_email(c.email): c
        for c in Contact.objects.annotate(email_key=Lower("email")).filter(email_key__in=emails)
    }
    created: list[Contact] = []
    updated: list[Contact] = []
    changed_fields: set[str] = set()
    for data in rows:
        contact = existing.get(data["email"]) or Contact()
        changed = False
        for field, value in data.items():
            attribute = "organization_id" if field == "organization" else field
            if getattr(contact, attribute) != value:
                setattr(contact, attribute, value)
                changed_fields.add(field)
                changed = True
        if contact.pk is None:
            created.append(contact)
        elif changed:
            updated.append(contact)
    if created:
        bulk_create_with_history(created, Contact, batch_size=WRITE_BATCH, default_user=by)
    if updated:
        bulk_update_with_history(
            updated, Contact, sorted(changed_fields), batch_size=WRITE_BATCH, default_user=by
        )
    result.created += len(created)
    result.updated += len(updated)
