"""The project import (DESIGN §3 "Exchange"): an Excel or CSV file made from
the template, or an IATI 2.03 activity file, checked row by row (activity by
activity), previewed as new, changed and unchanged projects, and saved only
when the person confirms a file without a single problem.

It is an import kind of ``swg.services.imports`` (registered with
``confirm=True``): the upload is a job, a Celery worker checks it with the
progress on the page, stops at "checked" with the preview, and on
confirmation checks it again and writes it in one transaction. The command
``import_projects`` calls ``projects_check`` and ``projects_write`` directly.

Projects are matched on the portal number (a spreadsheet's first column),
then on the IATI identifier, so importing an exported file changes nothing
and re-importing an IATI file updates the same projects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from coordination.spreadsheets.reader import SheetRow, SpreadsheetRejected
from swg import permissions
from swg.models import ImportJob, Organization, Subsector
from swg.services.imports import ImportResult, JobRun, import_job_start

from ..checks.runner import projects_quality
from ..exchange import iati, spreadsheet
from ..exchange.records import (
    BUDGET_KEYS,
    TRANSACTION_KEYS,
    Directory,
    NewOrganization,
    Problems,
    ProjectRecord,
    check_record,
    child_key,
    record_changes,
)
from ..models import Project
from . import projects as project_services
from .duplicates import projects_duplicates_refresh

IMPORT_KIND = "projects"
PREVIEW_KEPT = 200  # projects listed per group on the preview page


def projects_import_start(
    *, upload, by, organization: Organization | None = None, swg=None
) -> ImportJob:
    """Store the upload as a job for a worker. ``organization``: the file is
    that organization's (a partner's own); ``swg``: the working group for IATI
    activities that do not name one."""
    options = {}
    if organization is not None:
        options["organization"] = organization.pk
    if swg is not None:
        options["swg"] = swg.pk
    return import_job_start(upload=upload, kind=IMPORT_KIND, by=by, options=options)


def projects_import_check(run: JobRun) -> ImportResult:
    with run.job.file.open("rb") as file:
        return projects_check(
            file,
            name=run.job.original_name,
            by=run.job.created_by,
            options=run.job.options,
            progress=run.progress,
        )


def projects_import_write(result: ImportResult, by) -> None:
    projects_write(result, by=by)


def file_format(file: BinaryIO, *, name: str = "") -> str:
    """``xlsx``, ``csv`` or ``iati``, from the content (the name may lie)."""
    start = file.read(512)
    file.seek(0)
    if start.startswith(b"PK\x03\x04"):
        return "xlsx"
    if b"\x00" in start and not start.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Binary, and not a UTF-16 text: a PDF, an old .xls, a picture…
        raise SpreadsheetRejected(_("This is not an XLSX, CSV or IATI XML file."))
    stripped = start.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        return "iati"
    if name.lower().endswith((".xlsx", ".xls")):
        return "xlsx"  # a broken workbook: the reader says so
    return "csv"


def _export_queryset():
    from ..selectors.exchange import export_queryset

    return export_queryset(Project.objects.all())


class _Matcher:
    """Finds the project a record updates and checks the person may change it."""

    def __init__(self, by, options: dict, directory: Directory):
        self.by = by
        self.projects = {p.pk: p for p in _export_queryset()}
        self.by_iati = {p.iati_identifier: p for p in self.projects.values() if p.iati_identifier}
        self.visible = (
            None
            if by is None
            else set(permissions.scope(by, Project.objects.all()).values_list("pk", flat=True))
        )
        self.organization = None
        if options.get("organization"):
            self.organization = Organization.objects.get(pk=options["organization"])
        self.swg = None
        if options.get("swg"):
            from swg.models import SWG

            self.swg = SWG.objects.get(pk=options["swg"])
        self.seen: dict[int, str] = {}

    def match(self, record: ProjectRecord, problems: Problems, *, pk, places: dict) -> None:
        fields = record.fields
        owner = fields.get("owner")
        if self.organization is not None:
            # An IATI file is recorded for the chosen organization whoever
            # published it; a spreadsheet row must name that organization.
            if owner is None or isinstance(owner, NewOrganization) or places is iati.PLACES:
                fields["owner"] = self.organization
            elif owner != self.organization:
                problems.add(
                    places["owner"],
                    _("This file is for %(mine)s; the project is reported by %(other)s.")
                    % {"mine": self.organization, "other": owner},
                )
        elif isinstance(owner, NewOrganization):
            problems.add(
                places["owner"],
                _(
                    "Unknown reporting organization “%(name)s”: choose the organization the file "
                    "is for."
                )
                % {"name": owner.name},
            )
        id_place = places["id"]
        if fields.get("swg") is None and self.swg is not None:
            fields["swg"] = self.swg
        project = None
        identifier = fields.get("iati_identifier") or ""
        if pk not in (None, ""):
            try:
                project = self.projects.get(int(str(pk).strip()))
            except ValueError:
                project = None
            if project is None or (self.visible is not None and project.pk not in self.visible):
                problems.add(id_place, _("There is no project number %(pk)s.") % {"pk": pk})
                return
        elif identifier:
            project = self.by_iati.get(identifier)
            if project is not None and self.visible is not None and project.pk not in self.visible:
                problems.add(
                    places["iati_identifier"],
                    _("Another organization's project has this IATI identifier."),
                )
                return
        if project is not None and identifier and project.iati_identifier not in ("", identifier):
            other = self.by_iati.get(identifier)
            if other is not None and other != project:
                problems.add(
                    places["iati_identifier"],
                    _("Project %(pk)s already has this IATI identifier.") % {"pk": other.pk},
                )
        if project is not None:
            if project.pk in self.seen:
                problems.add(
                    id_place,
                    _("%(where)s updates the same project.") % {"where": self.seen[project.pk]},
                )
            self.seen[project.pk] = record.where
        record.project = project
        self._check_permission(record, problems, places["owner"])

    def _check_permission(self, record: ProjectRecord, problems: Problems, place: str) -> None:
        if self.by is None or problems:
            return
        fields = record.fields
        candidate = Project(owner=fields.get("owner"), swg=fields.get("swg"))
        if candidate.owner is None or candidate.swg is None:
            return
        allowed = permissions.can(self.by, "project.change", candidate)
        if record.project is not None:
            allowed = allowed and permissions.can(self.by, "project.change", record.project)
        if not allowed:
            problems.add(
                place,
                _("You may not change projects of %(organization)s in %(swg)s.")
                % {"organization": candidate.owner, "swg": candidate.swg.slug},
            )


def _entries(file: BinaryIO, *, name: str, fmt: str, directory: Directory):
    """(record, problems, row for the rejected-rows file, the place of the
    portal number) for each project in the file; and the rejected file's header."""
    if fmt == "iati":
        activities = iati.read_activities(file, directory=directory)
        header = ("iati-identifier", "title")

        def entries():
            for record, problems in activities:
                row = SheetRow(
                    sheet="",
                    number=record.number,
                    values=(
                        record.fields.get("iati_identifier", ""),
                        record.fields.get("title_en") or record.fields.get("title_ar", ""),
                    ),
                )
                yield record, problems, row, record.portal_number, iati.PLACES

        return header, entries()
    reader_name = "upload.xlsx" if fmt == "xlsx" else "upload.csv"
    head, keys, rows = spreadsheet.sheet_rows(file, name=reader_name)
    read = spreadsheet.RowReader(directory, head, keys)
    places = read.places

    def entries():
        for row in rows:
            record, problems, cells = read.read(row)
            yield record, problems, row, cells.get("id"), places

    return head, entries()


def projects_check(
    file: BinaryIO,
    *,
    name: str,
    by,
    options: dict | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Read and check every project of the file, write nothing. ``by`` None
    (the command) checks no permissions. Raises ``ValueError`` (e.g.
    ``SpreadsheetRejected``) with a message for a file that cannot be read."""
    options = options or {}
    directory = Directory()
    matcher = _Matcher(by, options, directory)
    fmt = file_format(file, name=name)
    header, entries = _entries(file, name=name, fmt=fmt, directory=directory)
    result = ImportResult(header=tuple(str(h) for h in header))
    preview = {"format": fmt, "new": [], "changed": [], "unchanged": [], "organizations": []}
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    new_organizations = {}
    for record, problems, row, pk, places in entries:
        result.total += 1
        if record.unread:
            result.reject(row, problems.items)
            continue
        matcher.match(record, problems, pk=pk, places=places)
        if record.fields.get("swg") is None and not problems:
            problems.add(
                "<sector>",
                _("No working group: name one (sector vocabulary 99) or choose one for the file."),
            )
        check_record(record, problems, places=places)
        if problems:
            result.reject(row, problems.items)
            continue
        changes = record_changes(record)
        group = "new" if record.project is None else ("changed" if changes else "unchanged")
        counts[group] += 1
        named = [organization for organization, _role in record.participants or ()]
        for item in record.transactions or ():
            named += [item.get("provider"), item.get("receiver")]
        for organization in named:
            if isinstance(organization, NewOrganization):
                new_organizations[organization.key()] = organization.name
        if len(preview[group]) < PREVIEW_KEPT:
            preview[group].append(
                {
                    "where": record.where,
                    "pk": record.project.pk if record.project else None,
                    "title": record.fields.get("title_en") or record.fields.get("title_ar", ""),
                    "changes": changes if group == "changed" else [],
                }
            )
        if group != "unchanged":
            result.rows.append(record)
        if progress is not None:
            # The number of rows is known only at the end (a sheet's own claim
            # is not trusted): the bar approaches 95 % as rows are checked.
            progress(int(95 * result.total / (result.total + 200)))
    preview["counts"] = counts
    preview["organizations"] = sorted(new_organizations.values())
    result.preview = preview
    return result


# Rows saved per INSERT or UPDATE statement.
WRITE_BATCH = 500
# Foreign keys the import sets from objects it already holds: validating them
# would cost a query per row (the file's names were resolved through ``Directory``).
PROJECT_KEYS = ["owner", "swg", "subsector", "national_priority", "published_by"]
CHILD_KEYS = ["project", "organization", "provider", "receiver"]


def _new_organizations(records: list[ProjectRecord], by) -> dict[str, Organization]:
    """The organizations the records name that the portal does not know yet,
    created in one statement (with their history)."""
    named = {}
    for record in records:
        candidates = [record.fields.get("owner")]
        candidates += [organization for organization, _role in record.participants or ()]
        for item in record.transactions or ():
            candidates += [item.get("provider"), item.get("receiver")]
        for organization in candidates:
            if isinstance(organization, NewOrganization):
                named.setdefault(
                    organization.key(),
                    Organization(
                        name_en=organization.name[:255], org_type=Organization.Type.MULTILATERAL
                    ),
                )
    if named:
        bulk_create_with_history(
            list(named.values()), Organization, batch_size=WRITE_BATCH, default_user=by
        )
    return named


def _children(record: ProjectRecord, project: Project | None, organization) -> dict:
    """The file's child rows, each with the id of the existing row it keeps."""
    children = {}
    if record.participants is not None:
        existing = {}
        if project is not None:
            existing = {(p.organization_id, p.role): p.pk for p in project.participants.all()}
        rows = []
        for named, role in record.participants:
            named = organization(named)
            rows.append(
                {
                    "id": existing.get((named.pk, int(role))),
                    "organization": named,
                    "role": int(role),
                }
            )
        children["participants"] = rows
    if record.budgets is not None:
        children["budgets"] = _matched(
            record.budgets, project.budgets.all() if project else (), BUDGET_KEYS
        )
    if record.transactions is not None:
        existing = list(project.transactions.all()) if project else []
        covered = [t for t in existing if t.type in record.transaction_types]
        rows = _matched(record.transactions, covered, TRANSACTION_KEYS)
        # Types the file does not speak for (incoming funds in a spreadsheet) stay.
        rows += [{"id": t.pk} for t in existing if t.type not in record.transaction_types]
        for row in rows:
            for side in ("provider", "receiver"):
                if side in row and row[side] is not None:
                    row[side] = organization(row[side])
        children["transactions"] = rows
    return children


def _matched(rows: list[dict], existing, keys: tuple) -> list[dict]:
    """The file's rows, each with the id of an equal existing row (so an
    unchanged line keeps its other fields and its history)."""
    free = {}
    for item in existing:
        free.setdefault(child_key(item, keys), []).append(item.pk)
    out = []
    for row in rows:
        ids = free.get(child_key(row, keys))
        out.append({**row, "id": ids.pop(0) if ids else None})
    return out


def _rejected(record: ProjectRecord, error: ValidationError) -> SpreadsheetRejected:
    return SpreadsheetRejected(
        _("%(where)s: %(problems)s") % {"where": record.where, "problems": " ".join(error.messages)}
    )


class _Writes:
    """What the import saves, gathered per model, then written a statement
    per batch (DESIGN §5: thousands of rows in a job), history included."""

    def __init__(self, by):
        self.by = by
        self.create = {name: [] for name in project_services.CHILDREN}
        self.update = {name: [] for name in project_services.CHILDREN}
        self.update_fields = {name: set() for name in project_services.CHILDREN}
        self.delete = {name: [] for name in project_services.CHILDREN}

    def children(self, record: ProjectRecord, project: Project, children: dict) -> None:
        """``projects._sync_children`` for one project, without writing."""
        old = record.project
        for name, rows in children.items():
            model, fields = project_services.CHILDREN[name]
            existing = {child.pk: child for child in getattr(old, name).all()} if old else {}
            listed = {row.get("id") for row in rows}
            self.delete[name] += [child for pk, child in existing.items() if pk not in listed]
            for index, row in enumerate(rows):
                child = existing.get(row.get("id")) or model(project=project)
                changed = child.pk is None
                for field in fields:
                    if field in row and (child.pk is None or getattr(child, field) != row[field]):
                        setattr(child, field, row[field])
                        changed = True
                        self.update_fields[name].add(field)
                if not changed:
                    continue
                try:
                    child.clean_fields(exclude=CHILD_KEYS)
                    child.clean()
                except ValidationError as error:
                    raise _rejected(
                        record,
                        ValidationError([f"{index + 1}: {m}" for m in error.messages]),
                    ) from None
                (self.create if child.pk is None else self.update)[name].append(child)

    def save(self) -> None:
        # Removed rows go first: a row replaced by one with the same unique
        # values (a participant's organization and role) would collide with it.
        for name, (model, _fields) in project_services.CHILDREN.items():
            _delete_with_history(model, self.delete[name], by=self.by)
        for name, (model, _fields) in project_services.CHILDREN.items():
            if self.update[name]:
                bulk_update_with_history(
                    self.update[name],
                    model,
                    sorted(self.update_fields[name]),
                    batch_size=WRITE_BATCH,
                    default_user=self.by,
                )
            if self.create[name]:
                for child in self.create[name]:
                    child.project_id = child.project.pk  # the project was created meanwhile
                bulk_create_with_history(
                    self.create[name], model, batch_size=WRITE_BATCH, default_user=self.by
                )


def _delete_with_history(model, objects: list, *, by) -> None:
    """Delete ``objects`` in one statement, with the "-" history row each
    ``delete()`` would have written (simple_history has no bulk delete)."""
    if not objects:
        return
    history = model.history.model
    now = timezone.now()
    history.objects.bulk_create(
        [
            history(
                history_date=now,
                history_type="-",
                history_user=by,
                history_change_reason=None,
                **{field.attname: getattr(item, field.attname) for field in history.tracked_fields},
            )
            for item in objects
        ],
        batch_size=WRITE_BATCH,
    )
    # The history is written above: the rows go without a signal each.
    model.objects.filter(pk__in=[item.pk for item in objects])._raw_delete(model.objects.db)


def _links(through, column: str, wanted: dict[int, list], old: dict[int, set]) -> None:
    """Set the many-to-many ``column`` of each project in ``wanted`` (its
    project id: the related objects), changing only the projects that differ."""
    changed = {pk: items for pk, items in wanted.items() if {i.pk for i in items} != old.get(pk)}
    stale = [pk for pk in changed if old.get(pk)]
    if stale:
        through.objects.filter(project_id__in=stale).delete()
    through.objects.bulk_create(
        [
            through(project_id=pk, **{f"{column}_id": item.pk})
            for pk, items in changed.items()
            for item in items
        ],
        batch_size=WRITE_BATCH,
    )


def projects_write(result: ImportResult, *, by) -> None:
    """Save the checked records (inside the caller's transaction for a job)
    in a fixed number of statements per batch of rows: nothing is saved
    unless every record is."""
    records = result.rows
    with transaction.atomic():
        new_organizations = _new_organizations(records, by)

        def organization(named):
            if isinstance(named, NewOrganization):
                return new_organizations[named.key()]
            return named

        ids = [record.project.pk for record in records if record.project is not None]
        locked = Project.objects.select_for_update().in_bulk(ids)
        subsectors = Subsector.objects.in_bulk(
            {p.subsector_id for p in locked.values() if p.subsector_id}
        )
        created, updated, fields_changed = [], [], set()
        saved: list[tuple[ProjectRecord, Project]] = []
        for record in records:
            fields = {
                k: v for k, v in record.fields.items() if k in project_services.PROJECT_FIELDS
            }
            if "owner" in fields:
                fields["owner"] = organization(fields["owner"])
            if record.project is None:
                project = Project(state=Project.State.DRAFT)
                created.append(project)
            else:
                project = locked[record.project.pk]
                if project.subsector_id and "subsector" not in fields:
                    project.subsector = subsectors[project.subsector_id]
                updated.append(project)
                fields_changed |= set(fields)
            project_services._set_fields(project, fields)
            try:
                project.clean_fields(exclude=PROJECT_KEYS)
                project.clean()
            except ValidationError as error:
                raise _rejected(record, error) from None
            saved.append((record, project))
        if created:
            bulk_create_with_history(created, Project, batch_size=WRITE_BATCH, default_user=by)
        if updated:
            now = timezone.now()
            for project in updated:
                project.updated_at = now
            bulk_update_with_history(
                updated,
                Project,
                sorted(fields_changed | {"iati_identifier", "dac_sector", "updated_at"}),
                batch_size=WRITE_BATCH,
                default_user=by,
            )
        districts, beneficiaries = {}, {}
        old_districts, old_beneficiaries = {}, {}
        writes = _Writes(by)
        for record, project in saved:
            old = record.project
            if record.districts is not None:
                # nationwide covers every district
                districts[project.pk] = [] if project.nationwide else record.districts
                if old is not None:
                    old_districts[project.pk] = {d.pk for d in old.districts.all()}
            if record.beneficiaries is not None:
                beneficiaries[project.pk] = record.beneficiaries
                if old is not None:
                    old_beneficiaries[project.pk] = {o.pk for o in old.beneficiaries.all()}
            writes.children(record, project, _children(record, old, organization))
        _links(Project.districts.through, "district", districts, old_districts)
        _links(Project.beneficiaries.through, "organization", beneficiaries, old_beneficiaries)
        writes.save()
        published = [project.pk for project in updated if project.is_published]
        if published:
            qualities = projects_quality(
                Project.objects.filter(pk__in=published).select_related(
                    "owner", "swg", "subsector", "national_priority"
                )
            )
            for record, project in saved:
                quality = qualities.get(project.pk)
                if quality is not None and quality.errors:
                    raise _rejected(
                        record,
                        ValidationError(
                            [_("A published project must pass the quality check:")] + quality.errors
                        ),
                    )
        projects_duplicates_refresh(projects=[project for _record, project in saved])
        result.created += len(created)
        result.updated += len(updated)
