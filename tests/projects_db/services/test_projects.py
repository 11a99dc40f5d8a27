import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from projects_db.models import District, Project, ProjectBudget, ProjectParticipant
from projects_db.services.projects import (
    project_create,
    project_publish,
    project_unpublish,
    project_update,
)
from swg.models import Subsector
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_it_creates_a_draft_with_its_children(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, by=world.partner_a)
    assert project.state == Project.State.DRAFT
    assert project.participants.count() == 2
    assert project.budgets.count() == 1
    assert project.transactions.count() == 1
    assert [d.code for d in project.districts.all()] == ["LY-SB"]


def test_it_attributes_the_history(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, by=world.partner_a)
    assert project.history.first().history_user == world.partner_a
    assert project.budgets.first().history.first().history_user == world.partner_a


def test_it_refuses_a_subsector_of_another_group(world):
    other = Subsector.objects.exclude(swg=world.swg_x).first()
    with pytest.raises(ValidationError) as error:
        make_project(owner=world.org_a, swg=world.swg_x, subsector=other)
    assert "subsector" in error.value.message_dict


def test_it_refuses_an_end_before_the_start(world):
    with pytest.raises(ValidationError) as error:
        make_project(
            owner=world.org_a,
            swg=world.swg_x,
            planned_start=dt.date(2025, 5, 1),
            planned_end=dt.date(2025, 4, 1),
        )
    assert "planned_end" in error.value.message_dict


def test_it_wants_a_reason_when_on_hold(world):
    with pytest.raises(ValidationError) as error:
        make_project(owner=world.org_a, swg=world.swg_x, status=Project.Status.ON_HOLD)
    assert "status_reason" in error.value.message_dict


def test_it_keeps_iati_identifiers_unique(world):
    make_project(owner=world.org_a, swg=world.swg_x, iati_identifier="XM-1")
    make_project(owner=world.org_a, swg=world.swg_x, iati_identifier="")
    make_project(owner=world.org_a, swg=world.swg_x, iati_identifier="")
    with pytest.raises(ValidationError):
        make_project(owner=world.org_a, swg=world.swg_x, iati_identifier="XM-1")


def test_it_drops_districts_of_a_nationwide_project(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, nationwide=True)
    assert project.districts.count() == 0


def test_it_updates_adds_and_removes_children(world):
    project = make_project(owner=world.org_a, swg=world.swg_x)
    line = project.budgets.get()
    project_update(
        project=project,
        by=world.partner_a,
        budgets=[
            {"id": line.pk, "value": Decimal(1)},
            {
                "period_start": dt.date(2026, 1, 1),
                "period_end": dt.date(2026, 12, 31),
                "value": Decimal(2),
                "currency": "EUR",
            },
        ],
        transactions=[],
    )
    assert sorted(project.budgets.values_list("value", flat=True)) == [1, 2]
    assert project.budgets.get(pk=line.pk).value == 1
    assert project.transactions.count() == 0


def test_it_does_not_touch_another_projects_rows(world):
    mine = make_project(owner=world.org_a, swg=world.swg_x)
    theirs = make_project(owner=world.org_b, swg=world.swg_y)
    their_line = theirs.budgets.get()
    project_update(
        project=mine,
        by=world.partner_a,
        budgets=[{"id": their_line.pk, **_line(value=Decimal(9))}],
    )
    assert ProjectBudget.objects.get(pk=their_line.pk).value == 100_000
    assert mine.budgets.get().value == 9


def _line(**values):
    return {
        "period_start": dt.date(2025, 1, 1),
        "period_end": dt.date(2025, 12, 31),
        "currency": "USD",
        **values,
    }


def test_it_publishes_a_project_that_passes_the_check(world):
    project = make_project(owner=world.org_a, swg=world.swg_x)
    quality = project_publish(project=project, by=world.partner_a)
    project.refresh_from_db()
    assert project.state == Project.State.PUBLISHED
    assert project.published_by == world.partner_a
    assert project.published_at is not None
    assert quality.errors == []


def test_it_does_not_publish_with_errors(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, budgets=[])
    with pytest.raises(ValidationError) as error:
        project_publish(project=project, by=world.partner_a)
    assert "Add the budget, one line per year." in error.value.messages
    project.refresh_from_db()
    assert project.state == Project.State.DRAFT


def test_it_publishes_despite_warnings(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, dac_sector="")
    quality = project_publish(project=project, by=world.partner_a)
    assert quality.warnings
    project.refresh_from_db()
    assert project.is_published


def test_it_keeps_a_published_project_valid(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    with pytest.raises(ValidationError):
        project_update(project=project, by=world.partner_a, budgets=[])
    assert project.budgets.count() == 1


def test_it_unpublishes(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    project_unpublish(project=project, by=world.secretariat_x)
    project.refresh_from_db()
    assert project.state == Project.State.DRAFT
    assert project.history.first().history_user == world.secretariat_x


def test_it_refuses_unknown_fields(world):
    with pytest.raises(TypeError):
        project_create(owner=world.org_a, swg=world.swg_x, by=None, colour="red")


def test_it_links_districts(world):
    project = make_project(
        owner=world.org_a,
        swg=world.swg_x,
        districts=list(District.objects.filter(code__in=["LY-TB", "LY-BA"])),
    )
    assert sorted(project.districts.values_list("code", flat=True)) == ["LY-BA", "LY-TB"]


def test_it_replaces_a_participant_with_one_of_the_same_organization_and_role(world):
    """The form removes a row and adds the same organization and role again:
    the removed row goes first, or the unique key refuses the new one."""
    project = make_project(owner=world.org_a, swg=world.swg_x)
    funding = project.participants.get(role=ProjectParticipant.Role.FUNDING)
    implementing = project.participants.get(role=ProjectParticipant.Role.IMPLEMENTING)
    project_update(
        project=project,
        by=world.partner_a,
        participants=[
            {"id": implementing.pk, "organization": world.org_a, "role": implementing.role},
            {"organization": world.org_a, "role": ProjectParticipant.Role.FUNDING},
        ],
    )
    rows = project.participants.order_by("role")
    assert [(p.organization, p.role) for p in rows] == [
        (world.org_a, ProjectParticipant.Role.FUNDING),
        (world.org_a, ProjectParticipant.Role.IMPLEMENTING),
    ]
    assert not project.participants.filter(pk=funding.pk).exists()
