"""The reference data migration carries its own data and loader, so a later edit
of the live code cannot change what a fresh install gets."""

import ast
import importlib
from pathlib import Path

from swg.models import SWG, StructureChange

MIGRATION = "swg.migrations.0002_reference_swgs"
PORTAL_APPS = {"coordination", "accounts", "swg", "projects_db", "reports", "dashboards"}

frozen = importlib.import_module(MIGRATION)


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            roots.add("." if node.level else node.module.split(".")[0])
    return roots


def test_it_imports_nothing_from_the_portal():
    roots = _imported_roots(Path(frozen.__file__))
    assert roots.isdisjoint(PORTAL_APPS | {"."}), roots


def test_it_created_the_seven_working_groups_with_their_subsectors(db):
    for number, slug, en, ar, subsectors in frozen.SWGS:
        swg = SWG.objects.get(slug=slug)
        assert (swg.number, swg.name_en, swg.name_ar, swg.lead) == (number, en, ar, "mop")
        assert swg.is_active and swg.active_from == frozen.ASSESSMENT_DATE
        assert list(swg.subsectors.values_list("slug", "name_en", "name_ar")) == subsectors
        assert swg.history.filter(history_type="+").exists()


def test_it_created_the_legacy_groups_and_what_replaces_them(db):
    for lead, slug, en, ar, replaced_by in frozen.LEGACY:
        swg = SWG.objects.get(slug=slug)
        assert (swg.lead, swg.name_en, swg.name_ar, swg.is_active) == (lead, en, ar, False)
        assert swg.active_until == frozen.ASSESSMENT_DATE
        assert set(swg.replaced_by.values_list("slug", flat=True)) == set(replaced_by)


def test_it_recorded_each_group_as_a_structure_change(db):
    changes = StructureChange.objects.filter(effective_on=frozen.ASSESSMENT_DATE)
    assert changes.filter(kind="create").count() == len(frozen.SWGS)
    assert changes.filter(kind="retire").count() == len(frozen.LEGACY)
