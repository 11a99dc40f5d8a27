"""``manage.py import_projects``: format from the content, every problem
listed, non-zero exit and nothing saved on bad input."""

import pytest
from django.core.management import CommandError, call_command

from projects_db.models import Project
from tests.support.spreadsheets import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["organization", "swg", "title_en", "planned_start", "planned_end"]


def _file(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_it_imports_a_workbook_whatever_its_name(world, tmp_path, capsys):
    path = _file(tmp_path, "projects.dat", xlsx_bytes([HEADER, ["WHO", "health", "Wells"]]))
    call_command("import_projects", path)
    assert Project.objects.get().title_en == "Wells"
    assert "Saved: 1 created, 0 updated." in capsys.readouterr().out


def test_a_dry_run_saves_nothing(world, tmp_path, capsys):
    path = _file(tmp_path, "p.csv", csv_bytes([HEADER, ["WHO", "health", "Wells"]]))
    call_command("import_projects", path, "--dry-run")
    assert not Project.objects.exists()
    assert "new: 1" in capsys.readouterr().out


def test_bad_rows_are_listed_and_the_command_fails(world, tmp_path, capsys):
    rows = [
        HEADER,
        ["WHO", "health", "Good"],
        ["NOPE", "health", "Bad organization"],
        ["WHO", "health", "Backwards", "2026-05-01", "2026-01-01"],
    ]
    path = _file(tmp_path, "p.csv", csv_bytes(rows))
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_projects", path)
    err = capsys.readouterr().err
    assert "3\torganization\tUnknown organization" in err
    assert "4\tplanned_end\tThe end (2026-01-01) is before the start" in err
    assert not Project.objects.exists()


def test_an_organization_limits_the_file(world, tmp_path):
    path = _file(tmp_path, "p.csv", csv_bytes([HEADER, ["EUD", "education", "Books"]]))
    with pytest.raises(CommandError):
        call_command("import_projects", path, "--organization", "WHO")
    with pytest.raises(CommandError, match="Unknown organization"):
        call_command("import_projects", path, "--organization", "NOPE")


def test_an_iati_1_file_fails(world, tmp_path):
    path = _file(tmp_path, "old.xml", b'<iati-activities version="1.05"/>')
    with pytest.raises(CommandError, match="version 1.05"):
        call_command("import_projects", path)
