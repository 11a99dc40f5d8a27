import pytest
from django.core.management import call_command

from projects_db.models import DuplicatePair, Project

pytestmark = pytest.mark.django_db


def test_it_loads_the_demo_projects_once(capsys):
    call_command("load_demo")
    call_command("load_demo_projects")
    assert Project.objects.count() >= 80
    assert Project.objects.filter(state="draft").exists()
    assert set(Project.objects.values_list("swg__slug", flat=True).distinct()) >= {
        "security",
        "political-support",
        "health",
        "education",
        "economic-reform",
        "institutional-building",
        "justice-human-rights",
    }
    assert Project.objects.filter(nationwide=True).exists()
    assert {"USD", "EUR", "GBP"} <= set(Project.objects.values_list("currency", flat=True))
    assert DuplicatePair.objects.filter(decision="flagged").count() >= 2
    assert DuplicatePair.objects.filter(decision="complementary").exists()
    before = Project.history.count()
    call_command("load_demo_projects")
    assert Project.history.count() == before


def test_the_demo_has_quarterly_updates_in_every_state():
    from projects_db.models import QuarterlyUpdate

    call_command("load_demo")
    call_command("load_demo_projects")
    states = set(QuarterlyUpdate.objects.values_list("state", flat=True))
    assert states >= {"draft", "submitted", "returned", "accepted"}
    assert QuarterlyUpdate.objects.filter(no_change=True).exists()
    before = QuarterlyUpdate.history.count()
    call_command("load_demo_projects")
    assert QuarterlyUpdate.history.count() == before
