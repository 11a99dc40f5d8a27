"""The data version that cached figures are kept under
(coordination/data_version.py): every write to the watched apps' tables (the
groups' and the projects') moves it, however it is written, and a version
never comes back."""

from django.db import connection, transaction

from coordination import data_version
from coordination.models import DataChange
from swg.models import SWG, ActionPoint
from tests.factories import ActionPointFactory


def test_every_table_of_the_groups_and_the_projects_is_watched(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'coordination_data_changed'"
        )
        watched = {row[0] for row in cursor.fetchall()}
    tables = data_version.watched_tables()
    assert {"swg_meeting", "swg_attendance", "projects_db_project"} <= set(tables)
    assert "projects_db_project_districts" in tables  # many-to-many tables too
    assert not [t for t in tables if t.startswith(("swg_historical", "projects_db_historical"))]
    assert set(tables) <= watched


def test_a_save_moves_the_version(world):
    before = data_version.data_version()
    ActionPointFactory(due_in_days=3)
    assert data_version.data_version() not in (before, None)


def test_an_update_of_many_rows_moves_it_too(world):
    ActionPointFactory(due_in_days=3)
    before = data_version.data_version()
    ActionPoint.objects.update(status=ActionPoint.Status.DONE)
    assert data_version.data_version() not in (before, None)


def test_a_rolled_back_write_never_brings_a_version_back(world):
    seen = {data_version.data_version()}
    for name in ("Health and nutrition", "Health services"):
        try:
            with transaction.atomic():
                SWG.objects.filter(pk=world.swg_x.pk).update(name_en=name)
                seen.add(data_version.data_version())
                raise RuntimeError
        except RuntimeError:
            pass
    SWG.objects.filter(pk=world.swg_x.pk).update(name_en="Health care")
    assert data_version.data_version() not in seen
    assert len(seen) == 3


def test_folding_the_rows_moves_it_on(world, monkeypatch):
    ActionPointFactory(due_in_days=3)
    before = data_version.data_version()
    monkeypatch.setattr(data_version, "COMPACT_AFTER", 0)
    data_version.data_version()
    assert DataChange.objects.count() == 1
    assert data_version.data_version() not in (before, None)
