import importlib

import pytest
from django.apps import apps
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _project_reference_data(request):
    """Districts, priorities and rates come from a data migration; a flush by an
    earlier transactional test removes them, so put them back."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("db")
    from projects_db.models import District

    if not District.objects.exists():
        importlib.import_module("projects_db.migrations.0002_reference_data").seed(apps, None)


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()
