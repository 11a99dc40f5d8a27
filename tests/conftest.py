"""Shared fixtures: named people and the services CI provides."""

import os
import shutil

import pytest
from django.conf import settings

from tests.support.services import REQUIRE_SERVICES, need

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Fixtures every test can ask for by name: ``page`` (Playwright), ``smtp_server`` and
# ``imap_server`` (dovecot).
pytest_plugins = ["tests.support.browser", "tests.support.smtp", "tests.support.imap"]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from coordination.celery import app

    was_eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = was_eager
    # Throttle counters live in the cache: each test starts with none.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (live_server, real workers) end with a flush that also
    removes the reference SWGs of the data migration; put them back for the next."""
    names = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        names = [*names, "transactional_db"]
    if "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        return
    from swg.reference_data import ensure_reference_data

    ensure_reference_data()
    _project_reference_data()
    _holiday_reference_data()


def _project_reference_data():
    """The districts, priorities and exchange rates of projects_db's data migration,
    put back after a flush by that migration's own loader."""
    import importlib

    from django.apps import apps

    from projects_db.models import District

    if not District.objects.exists():
        importlib.import_module("projects_db.migrations.0002_reference_data").seed(apps, None)


def _holiday_reference_data():
    """Libya's fixed public holidays, put back after a flush by their migration's loader."""
    import importlib

    from django.apps import apps

    from swg.models import PublicHoliday

    if not PublicHoliday.objects.exists():
        importlib.import_module("swg.migrations.0010_tors_holidays_seed").seed(apps, None)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Locally, give the PostgreSQL test database a per-run name so that two
    developers' runs against one server do not drop each other's database."""
    db = settings.DATABASES["default"]
    if not REQUIRE_SERVICES and db["ENGINE"].endswith("postgresql"):
        db.setdefault("TEST", {})["NAME"] = f"test_swg_portal_{os.getpid()}"


@pytest.fixture
def world(db):
    from tests.factories import build_world

    return build_world()


@pytest.fixture
def chromium_path():
    path = shutil.which("chromium") or "/usr/bin/chromium"
    need(os.path.exists(path), "Debian's chromium")
    return path
