"""The project import saves thousands of rows in one job (DESIGN §5: long
work in Celery): checking and saving a file run as many queries however many
rows it has, and the history still names the person who uploaded it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects_db.exchange import spreadsheet
from projects_db.models import DuplicatePair, Project, ProjectBudget
from projects_db.selectors.exchange import spreadsheet_queryset
from projects_db.services import exchange
from tests.factories import make_project
from tests.support.spreadsheets import xlsx_bytes

from .test_exchange import HEADER, _check, _row


def _file(world, size: int) -> bytes:
    """A third of the rows change existing projects (title, budget, districts,
    participants), the rest are new projects, some naming a new organization."""
    existing = [
        make_project(owner=world.org_a, swg=world.swg_x, title_en=f"Clinics {n}")
        for n in range(size // 3)
    ]
    rows = list(
        spreadsheet._table(
            spreadsheet_queryset(Project.objects.filter(pk__in=[p.pk for p in existing])), "en"
        )
    )
    keys = spreadsheet.KEYS
    for row in rows[1:]:
        row[keys.index("title_en")] = f"{row[keys.index('title_en')]} and training"
        row[keys.index("budget")] = "2025: 90000; 2026: 50000"
        row[keys.index("districts")] = "LY-TB"
        row[keys.index("funding")] = ""
    for n in range(size - len(existing)):
        new = [""] * len(keys)
        values = {
            "title_en": f"Vaccination round {n}",
            "organization": world.org_a.acronym or world.org_a.name_en,
            "swg": world.swg_x.slug,
            "status": "2 – Ongoing",
            "planned_start": "2026-01-01",
            "planned_end": "2026-12-31",
            "districts": "LY-SB; LY-TB",
            "implementing": world.org_a.acronym or world.org_a.name_en,
            "budget": "2026: 150000",
            "committed": "2026-02-01: 90000",
            "currency": "USD",
            "nationwide": "no",
        }
        for key, value in values.items():
            new[keys.index(key)] = value
        rows.append(new)
    return xlsx_bytes(rows)


def _queries(world, size: int) -> tuple[int, int]:
    content = _file(world, size)
    # A fresh user object each time: nothing cached from an earlier run.
    by = type(world.partner_a).objects.get(pk=world.partner_a.pk)
    with CaptureQueriesContext(connection) as checking:
        result = _check(content, "projects.xlsx", by)
    assert result.errors == []
    assert result.preview["counts"]["changed"] == size // 3
    with CaptureQueriesContext(connection) as saving:
        exchange.projects_write(result, by=by)
    assert (result.created, result.updated) == (size - size // 3, size // 3)
    return len(checking), len(saving)


def test_checking_and_saving_run_as_many_queries_for_300_rows_as_for_30(world):
    small = _queries(world, 30)
    Project.objects.all().delete()
    big = _queries(world, 300)
    assert big == small


def test_the_history_of_every_saved_row_names_the_uploader(world):
    content = _file(world, 6)
    result = _check(content, "projects.xlsx", world.partner_a)
    exchange.projects_write(result, by=world.partner_a)
    changed = Project.objects.filter(title_en__endswith="and training")
    assert changed.count() == 2
    for project in changed:
        latest = project.history.order_by("-history_date", "-history_id").first()
        assert latest.history_user == world.partner_a and latest.history_type == "~"
        assert sorted(d.code for d in project.districts.all()) == ["LY-TB"]
        assert [b.period_start.year for b in project.budgets.all()] == [2025, 2026]
        assert project.participants.get().role == 4  # the funding role was emptied
    new = Project.objects.filter(title_en__startswith="Vaccination round")
    assert new.count() == 4
    for project in new:
        (created,) = project.history.all()
        assert created.history_user == world.partner_a and created.history_type == "+"
        assert project.budgets.get().history.get().history_user == world.partner_a
    # The budget line of 2025 at 100,000 was replaced: its removal is in the history too.
    removed = ProjectBudget.history.filter(history_type="-")
    assert removed.count() == 2
    assert {row.history_user for row in removed} == {world.partner_a}


def test_an_imported_project_like_another_organizations_is_flagged(world):
    other = make_project(owner=world.org_b, swg=world.swg_x, title_en="Maternal health in Sabha")
    result = _check(xlsx_bytes([HEADER, _row()]), "new.xlsx", world.partner_a)
    exchange.projects_write(result, by=world.partner_a)
    imported = Project.objects.get(owner=world.org_a, title_en="Maternal health in Sabha")
    pair = DuplicatePair.objects.get()
    assert {pair.project_a_id, pair.project_b_id} == {other.pk, imported.pk}
    assert pair.decision == DuplicatePair.Decision.FLAGGED
