"""The project import from spreadsheets (DESIGN §3 "Exchange"): every row and
cell checked, problems named at sheet, row and column, nothing saved unless
the whole file is valid, and an export imported back changes nothing."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from projects_db.exchange import spreadsheet
from projects_db.models import Project, Transaction
from projects_db.selectors.exchange import spreadsheet_queryset
from projects_db.services import exchange
from swg.models import ImportJob
from swg.services import imports
from tests.factories import make_project
from tests.support.spreadsheets import csv_bytes, xlsx_bytes

HEADER = [
    "Reporting organization",
    "Working group",
    "Title (English)",
    "Status",
    "Planned start",
    "Planned end",
    "Districts",
    "Budget",
    "Committed",
]


def _row(**overrides):
    values = {
        "organization": "WHO",
        "swg": "health",
        "title": "Maternal health in Sabha",
        "status": "2 – Ongoing",
        "start": "2026-01-01",
        "end": "2026-12-31",
        "districts": "LY-SB; LY-TB",
        "budget": "2026: 150000",
        "committed": "2026-02-01: 90000",
    }
    values.update(overrides)
    return list(values.values())


def _check(content: bytes, name: str, by, **options):
    return exchange.projects_check(io.BytesIO(content), name=name, by=by, options=options)


def _export(projects, fmt="xlsx") -> bytes:
    projects = spreadsheet_queryset(Project.objects.filter(pk__in=[p.pk for p in projects]))
    if fmt == "csv":
        return "".join(spreadsheet.export_csv(projects)).encode("utf-8")
    with spreadsheet.export_xlsx(projects) as workbook:
        return workbook.read()


def _write(result, by):
    assert not result.errors, result.errors
    exchange.projects_write(result, by=by)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_exported_file_imports_back_unchanged(world, fmt):
    project = make_project(owner=world.org_a, swg=world.swg_x, comments="=SUM(A1) stays text")
    make_project(owner=world.org_a, swg=world.swg_x, title_en="Vaccines", nationwide=True)
    before = Project.history.count()
    result = _check(_export(Project.objects.all(), fmt), f"projects.{fmt}", world.partner_a)
    assert result.errors == []
    assert result.preview["counts"] == {"new": 0, "changed": 0, "unchanged": 2}
    _write(result, world.partner_a)
    assert Project.history.count() == before
    project.refresh_from_db()
    assert project.comments == "=SUM(A1) stays text"


def test_a_row_shows_every_relation_and_only_the_sheets_transactions(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, comments="Two clinics")
    Transaction.objects.create(
        project=project,
        type=Transaction.Type.INCOMING_FUNDS,
        value=Decimal(5),
        currency="EUR",
        value_date=dt.date(2026, 2, 1),
    )
    header, row = spreadsheet._table(spreadsheet_queryset(Project.objects.all()), "en")
    cells = dict(zip(spreadsheet.KEYS, row, strict=True))
    assert cells["organization"] == world.org_a.acronym
    assert cells["districts"] == "LY-SB"
    assert cells["funding"] == cells["implementing"] == world.org_a.acronym
    assert cells["budget"] == "2025: 100000"
    assert cells["committed"] == "2025-01-01: 80000"
    assert "EUR" not in "".join(str(value) for value in row)  # incoming funds: no column
    assert cells["comments"] == "Two clinics"


def test_a_changed_cell_is_previewed_and_saved_only_as_that_change(world):
    project = make_project(owner=world.org_a, swg=world.swg_x)
    rows = list(spreadsheet._table(spreadsheet_queryset(Project.objects.all()), "en"))
    rows[1][spreadsheet.KEYS.index("title_en")] = "Primary health care in Fezzan"
    rows[1][spreadsheet.KEYS.index("budget")] = "2025: 100000; 2026: 50000"
    result = _check(xlsx_bytes(rows), "projects.xlsx", world.partner_a)
    assert result.preview["counts"] == {"new": 0, "changed": 1, "unchanged": 0}
    assert result.preview["changed"][0]["changes"] == ["budgets", "title_en"]
    _write(result, world.partner_a)
    project.refresh_from_db()
    assert project.title_en == "Primary health care in Fezzan"
    assert [b.value for b in project.budgets.all()] == [Decimal(100000), Decimal(50000)]
    assert project.transactions.get().value == Decimal(80000)  # untouched


def test_a_new_row_creates_a_draft_project_with_its_children(world):
    result = _check(xlsx_bytes([HEADER, _row()]), "new.xlsx", world.partner_a)
    assert result.preview["counts"]["new"] == 1
    _write(result, world.partner_a)
    project = Project.objects.get(title_en="Maternal health in Sabha")
    assert project.owner == world.org_a and project.state == Project.State.DRAFT
    assert sorted(d.code for d in project.districts.all()) == ["LY-SB", "LY-TB"]
    assert project.budgets.get().period_end == dt.date(2026, 12, 31)
    commitment = project.transactions.get()
    assert (commitment.type, commitment.value) == (Transaction.Type.COMMITMENT, Decimal(90000))


def test_the_arabic_header_is_read(world):
    header = spreadsheet.header("ar")
    rows = [header, [""] * len(header)]
    for key, value in {"organization": "WHO", "swg": "health", "title_ar": "صحة الأم"}.items():
        rows[1][spreadsheet.KEYS.index(key)] = value
    result = _check(xlsx_bytes(rows), "ar.xlsx", world.partner_a)
    assert result.errors == [] and result.preview["counts"]["new"] == 1


@pytest.mark.parametrize(
    ("overrides", "column", "fragment"),
    [
        ({"organization": "UNKNOWN"}, "Reporting organization", "Unknown organization"),
        ({"districts": "LY-SB; Atlantis"}, "Districts", "Atlantis"),
        ({"budget": "2026: -5"}, "Budget", "cannot be negative"),
        ({"budget": "2026: lots"}, "Budget", "not an amount"),
        ({"committed": "01/02/2026: 5"}, "Committed", "YYYY-MM-DD"),
        ({"end": "2025-06-30"}, "Planned end", "before the start"),
        ({"start": "31/01/2026"}, "Planned start", "YYYY-MM-DD"),
        ({"status": "Finished"}, "Status", "not a status"),
        ({"swg": "agriculture-x"}, "Working group", "Unknown working group"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column_and_nothing_is_saved(
    world, overrides, column, fragment
):
    rows = [HEADER, _row(title="A good row"), _row(**overrides)]
    result = _check(xlsx_bytes(rows), "bad.xlsx", world.partner_a)
    assert [(e["row"], e["column"]) for e in result.errors] == [(3, column)]
    assert fragment in result.errors[0]["message"]
    assert result.error_count == 1
    assert result.rejected is not None


def test_an_excel_date_number_is_refused_with_the_date_it_may_mean(world):
    rows = [HEADER, _row(start=46023)]
    result = _check(xlsx_bytes(rows), "serial.xlsx", world.partner_a)
    (error,) = result.errors
    assert error["column"] == "Planned start"
    assert "2026-01-01" in error["message"]


def test_date_cells_are_dates(world):
    rows = [HEADER, _row(start=dt.date(2026, 1, 1), end=dt.datetime(2026, 12, 31))]
    result = _check(xlsx_bytes(rows), "dates.xlsx", world.partner_a)
    assert result.errors == []
    assert result.rows[0].fields["planned_start"] == dt.date(2026, 1, 1)


def test_merged_cells_refuse_the_file_naming_them(world):
    content = xlsx_bytes([HEADER, _row(), _row(title="Second")], merged=["A2:A3"])
    with pytest.raises(ValueError, match="A2:A3"):
        _check(content, "merged.xlsx", world.partner_a)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1256"])
def test_a_csv_with_a_byte_order_mark_or_in_windows_1256_reads_its_arabic(world, encoding):
    header = ["organization", "swg", "title_ar"]
    content = csv_bytes([header, ["WHO", "health", "صحة الأم والطفل"]], encoding=encoding)
    result = _check(content, "arabic.csv", world.partner_a)
    assert result.errors == []
    assert result.rows[0].fields["title_ar"] == "صحة الأم والطفل"


def test_a_file_too_big_is_refused(world, settings):
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(ValueError, match="larger than"):
        _check(csv_bytes([HEADER, _row(), _row(), _row()]), "big.csv", world.partner_a)


def test_a_file_too_long_is_refused(world, settings):
    settings.IMPORT_MAX_ROWS = 2
    with pytest.raises(ValueError, match="more than 2 rows"):
        _check(xlsx_bytes([HEADER, _row(), _row(), _row()]), "long.xlsx", world.partner_a)


def test_a_file_of_another_type_is_refused(world):
    with pytest.raises(ValueError, match="not an XLSX, CSV or IATI XML file"):
        _check(b"%PDF-1.4\x00\x01 not a spreadsheet", "projects.xlsx", world.partner_a)


def test_a_partner_may_not_import_another_organizations_projects(world):
    rows = [HEADER, _row(organization="EUD")]
    result = _check(xlsx_bytes(rows), "other.xlsx", world.partner_a)
    assert [e["column"] for e in result.errors] == ["Reporting organization"]


def test_a_file_for_an_organization_refuses_rows_of_another(world):
    rows = [HEADER, _row(organization="EUD")]
    result = _check(xlsx_bytes(rows), "other.xlsx", world.coordination, organization=world.org_a.pk)
    assert "This file is for" in result.errors[0]["message"]


def test_an_unknown_project_number_is_an_error(world):
    header = ["Portal number", *HEADER]
    result = _check(xlsx_bytes([header, [999999, *_row()]]), "x.xlsx", world.partner_a)
    assert result.errors[0]["column"] == "Portal number"


def test_another_organizations_draft_cannot_be_reached_by_its_number(world):
    draft = make_project(owner=world.org_b, swg=world.swg_y)
    header = ["Portal number", *HEADER]
    result = _check(xlsx_bytes([header, [draft.pk, *_row()]]), "x.xlsx", world.partner_a)
    assert "no project number" in result.errors[0]["message"]


def test_a_job_stops_at_the_preview_and_saves_only_when_confirmed(
    world, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("projects.xlsx", xlsx_bytes([HEADER, _row()]))
    with django_capture_on_commit_callbacks(execute=True):
        job = exchange.projects_import_start(upload=upload, by=world.partner_a)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED
    assert job.preview["counts"]["new"] == 1
    assert not Project.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        imports.import_job_confirm(job=job, by=world.partner_a)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.message
    assert job.created_count == 1
    assert Project.objects.get().title_en == "Maternal health in Sabha"


def test_only_the_uploader_confirms_a_checked_job(world):
    upload = SimpleUploadedFile("projects.xlsx", xlsx_bytes([HEADER, _row()]))
    job = exchange.projects_import_start(upload=upload, by=world.partner_a)
    with pytest.raises(Exception, match="waiting for confirmation"):
        imports.import_job_confirm(job=job, by=world.coordination)


def test_an_invalid_job_keeps_the_rejected_rows(world, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("bad.csv", csv_bytes([HEADER, _row(budget="2026: -1")]))
    with django_capture_on_commit_callbacks(execute=True):
        job = exchange.projects_import_start(upload=upload, by=world.partner_a)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    with job.rejected_file.open("rb") as rejected:
        content = rejected.read().decode("utf-8-sig")
    assert "Budget" in content and "cannot be negative" in content
    assert not Project.objects.exists()


def test_an_error_names_the_sheet_too(world):
    rows = [HEADER, _row(budget="2026: x")]
    result = _check(xlsx_bytes(rows), "bad.xlsx", world.partner_a)
    assert (result.errors[0]["sheet"], result.errors[0]["row"]) == ("Sheet", 2)


def test_a_published_project_that_would_fail_its_quality_check_stops_the_write(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    rows = list(spreadsheet._table(spreadsheet_queryset(Project.objects.all()), "en"))
    rows[1][spreadsheet.KEYS.index("funding")] = ""
    rows[1][spreadsheet.KEYS.index("implementing")] = ""
    result = _check(xlsx_bytes(rows), "projects.xlsx", world.partner_a)
    assert result.errors == []
    with pytest.raises(ValueError, match="Row 2: A published project must pass"):
        exchange.projects_write(result, by=world.partner_a)
    assert project.participants.count() == 2


def test_the_rejected_rows_file_fixed_imports(world):
    result = _check(xlsx_bytes([HEADER, _row(budget="2026: -1")]), "bad.xlsx", world.partner_a)
    result.rejected.seek(0)
    fixed = result.rejected.read().replace(b"2026: -1", b"2026: 1")
    again = _check(fixed, "rejected-rows.csv", world.partner_a)
    assert again.errors == [] and again.preview["counts"]["new"] == 1
