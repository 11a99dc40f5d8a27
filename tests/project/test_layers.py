"""The portal's apps import downward only (docs/architecture.md, "Layers").

Every Python file of the apps, migrations included, is read as a syntax tree;
``import``, ``from … import`` (relative ones resolved) and dynamic imports by a
literal name (``importlib.import_module``, ``import_string``, ``__import__``)
count. Names in strings that Django resolves itself (``"swg.SWG"`` in a foreign
key, ``INSTALLED_APPS``, Celery task names) are not imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# app → the portal apps it may import (besides itself)
ALLOWED = {
    "coordination": set(),
    "accounts": {"coordination"},
    "swg": {"accounts", "coordination"},
    "projects_db": {"swg", "accounts", "coordination"},
    "reports": {"projects_db", "swg", "accounts", "coordination"},
    "dashboards": {"reports", "projects_db", "swg", "accounts", "coordination"},
}
# The one module that wires every app into the site.
WIRING = {"coordination/urls.py"}
DYNAMIC_IMPORTS = {"import_module", "import_string", "__import__"}


def _package_of(path: str) -> list[str]:
    """The package a relative import in ``path`` starts from."""
    parts = path.removesuffix(".py").split("/")
    return parts[:-1]


def _resolve(path: str, module: str | None, level: int) -> str | None:
    if level == 0:
        return module
    package = _package_of(path)
    if level - 1 > len(package):
        return None
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, *([module] if module else [])])


def _dynamic_name(node: ast.Call) -> str | None:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name not in DYNAMIC_IMPORTS or not node.args:
        return None
    first = node.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def imported_modules(source: str, path: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``source`` at ``path``."""
    found = []
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(path, node.module, node.level)
            if module == "" or (module and not node.module):
                # ``from . import x``: each name may be a module of that package
                found += [
                    (node.lineno, ".".join(filter(None, [module, a.name]))) for a in node.names
                ]
            elif module:
                found.append((node.lineno, module))
            else:
                found.append((node.lineno, "<relative import beyond the top package>"))
        elif isinstance(node, ast.Call) and (name := _dynamic_name(node)):
            found.append((node.lineno, name))
    return found


def layer_violations(source: str, path: str) -> list[str]:
    """``file:line imports module`` for each import that goes up or sideways."""
    app = path.split("/")[0]
    if app not in ALLOWED or path in WIRING:
        return []
    violations = []
    for line, module in imported_modules(source, path):
        target = module.split(".")[0]
        if target.startswith("<") or (target in ALLOWED and target != app):
            if target not in ALLOWED[app]:
                violations.append(f"{path}:{line} imports {module}")
    return violations


def _app_files():
    for app in ALLOWED:
        folder = ROOT / app
        if folder.is_dir():
            yield from sorted(folder.rglob("*.py"))


# ------------------------------------------------------------------ the checker itself


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("swg/services/memberships.py", "from projects_db.models import Project\n"),
        ("swg/selectors/home.py", "import projects_db.models\n"),
        ("coordination/outbox.py", "from swg import permissions\n"),
        ("coordination/views/health.py", "from ...swg import permissions\n"),
        ("accounts/forms.py", "import importlib\nimportlib.import_module('swg.models')\n"),
        (
            "swg/tasks.py",
            "from django.utils.module_loading import import_string\n"
            "import_string('reports.pdf.build')\n",
        ),
        ("reports/views.py", "from dashboards import selectors\n"),
        ("projects_db/models.py", "from dashboards.views import home\n"),
    ],
)
def test_it_reports_an_import_that_goes_up(path, source):
    assert layer_violations(source, path), f"{path} should not be allowed: {source!r}"


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("coordination/urls.py", "from swg.urls import meetings\nimport dashboards.urls\n"),
        ("coordination/views/health.py", "from ..models import Heartbeat\n"),
        ("coordination/outbox.py", "from . import models\n"),
        (
            "swg/views/meetings.py",
            "from ..models import Meeting\nfrom accounts.models import User\n",
        ),
        ("swg/models/__init__.py", "from .meetings import Meeting\n"),
        ("projects_db/models.py", "from swg.models import SWG\n"),
        ("dashboards/views.py", "from reports import selectors\nfrom projects_db import models\n"),
        ("swg/migrations/0001_initial.py", "from django.conf import settings\nimport swg.models\n"),
    ],
)
def test_it_allows_an_import_that_goes_down(path, source):
    assert layer_violations(source, path) == []


def test_it_resolves_relative_imports_against_the_package():
    assert imported_modules("from ..models import X\n", "swg/views/meetings.py") == [
        (1, "swg.models")
    ]
    assert imported_modules("from . import ical\n", "swg/exchange/__init__.py") == [
        (1, "swg.exchange.ical")
    ]


# ------------------------------------------------------------------ the real tree


def test_it_finds_no_upward_import_in_the_apps():
    violations = []
    for file in _app_files():
        path = file.relative_to(ROOT).as_posix()
        violations += layer_violations(file.read_text(encoding="utf-8"), path)
    assert violations == [], "imports against the layers:\n" + "\n".join(violations)
