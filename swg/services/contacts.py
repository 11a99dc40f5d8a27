"""The contact import (DESIGN §3 "Exchange"): all-or-nothing, so nothing is
half-saved. Every row is validated first, every problem is reported with its
row number and column, and rows are written in one transaction only when all
of them are valid. Contacts are matched on email, so importing the same file
twice creates no duplicates. The upload is checked and imported by a Celery
task while the page shows its progress (``swg.services.imports``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _

from coordination.history import history_attribute

from ..exchange.contacts import read_table
from ..forms.contacts import ContactRowForm
from ..models import Contact, ImportJob, Organization
from .imports import ImportResult, import_job_run, import_job_start

IMPORT_KIND = "contacts"


def _organization_finder() -> Callable[[str], Organization | None]:
    index: dict[str, Organization] = {}
    for org in Organization.objects.all():
        for key in (org.acronym, org.name_en, org.name_ar):
            if key:
                index.setdefault(key.strip().lower(), org)
    return lambda value: index.get((value or "").strip().lower())


def contacts_import_start(*, upload, by) -> ImportJob:
    """Store the upload and let a worker check and import it."""
    from ..tasks import import_contacts  # the task module imports this one

    return import_job_start(upload=upload, kind=IMPORT_KIND, by=by, task=import_contacts)


def _import_file(job: ImportJob, progress: Callable[[int], None]) -> ImportResult:
    with job.file.open("rb") as fh:
        rows = read_table(fh.read(), job.original_name)
    return contacts_import(rows=rows, by=job.created_by, progress=progress)


def contacts_import_job_run(*, job_id: int) -> str:
    """The worker's side of ``contacts_import_start``; returns the job's status."""
    return import_job_run(job_id=job_id, importer=_import_file)


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
            history_attribute(contact, by=by).save()
    return result
