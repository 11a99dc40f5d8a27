import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo world, meetings and projects, loaded once per module by the
    loaders ``make demo`` uses, and rolled back afterwards."""
    from projects_db.demo import build_demo_projects
    from swg.demo.world import build_demo_world
    from swg.reference_data import ensure_reference_data

    with django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()
        build_demo_world()
        build_demo_projects()
        yield
        transaction.set_rollback(True)
