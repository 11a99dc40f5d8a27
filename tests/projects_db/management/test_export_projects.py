"""``manage.py export_projects``: every project, in each format, importable back."""

import pytest
from django.core.management import call_command

from projects_db.services import exchange
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "iati"])
def test_an_export_imports_back_unchanged(world, tmp_path, fmt):
    make_project(owner=world.org_a, swg=world.swg_x)
    make_project(owner=world.org_b, swg=world.swg_y, title_en="Books")
    path = tmp_path / f"projects.{fmt}"
    call_command("export_projects", "--format", fmt, "-o", str(path))
    with path.open("rb") as file:
        result = exchange.projects_check(file, name=path.name, by=None)
    assert result.errors == []
    assert result.preview["counts"] == {"new": 0, "changed": 0, "unchanged": 2}
