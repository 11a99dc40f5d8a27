import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from projects_db.models import Project, QuarterlyUpdate, Transaction
from projects_db.services.updates import (
    update_accept,
    update_no_change,
    update_return,
    update_save_draft,
    update_submit,
)
from tests.factories import make_project

pytestmark = pytest.mark.django_db
State = QuarterlyUpdate.State


@pytest.fixture(autouse=True)
def _october_2026():
    with time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def project(world):
    return make_project(owner=world.org_a, swg=world.swg_x, publish=True)


def _draft(project, world, **fields):
    values = {"narrative": "Two clinics opened.", **fields}
    return update_save_draft(project=project, year=2026, quarter=3, by=world.partner_a, **values)


def test_it_saves_a_draft_with_its_indicators(project, world):
    update = _draft(
        project, world, indicators=[{"name": "Clinics open", "unit": "clinics", "value": 2}]
    )
    assert update.state == State.DRAFT
    assert update.indicator_values.get().value == 2
    assert update.history.first().history_user == world.partner_a


def test_it_refuses_a_quarter_not_started(project, world):
    with pytest.raises(ValidationError):
        update_save_draft(project=project, year=2027, quarter=1, by=world.partner_a)


def test_it_refuses_a_draft_project(world):
    draft = make_project(owner=world.org_a, swg=world.swg_x)
    with pytest.raises(ValidationError):
        update_save_draft(project=draft, year=2026, quarter=3, by=world.partner_a)


def test_it_submits_and_records_the_first_hand_in(project, world):
    update = update_submit(update=_draft(project, world), by=world.partner_a)
    assert update.state == State.SUBMITTED
    assert update.first_submitted_at == update.submitted_at
    assert update.submitted_by == world.partner_a


def test_it_refuses_an_empty_submission(project, world):
    update = _draft(project, world, narrative="")
    with pytest.raises(ValidationError) as error:
        update_submit(update=update, by=world.partner_a)
    assert "narrative" in error.value.message_dict


def test_it_wants_a_reason_for_on_hold(project, world):
    with pytest.raises(ValidationError) as error:
        _draft(project, world, new_status=Project.Status.ON_HOLD)
    assert "new_status_reason" in error.value.message_dict


def test_no_change_is_a_submission(project, world):
    update = update_no_change(project=project, year=2026, quarter=3, by=world.partner_a)
    assert update.state == State.SUBMITTED
    assert update.no_change


def test_it_returns_with_a_comment_and_the_partner_resubmits(project, world):
    update = update_submit(update=_draft(project, world), by=world.partner_a)
    first = update.first_submitted_at
    update = update_return(update=update, by=world.secretariat_x, comment="Add the figures.")
    assert update.state == State.RETURNED
    assert update.review_comment == "Add the figures."
    with time_machine.travel(dt.datetime(2026, 10, 20, 9, tzinfo=dt.UTC), tick=False):
        update = _draft(project, world, narrative="Two clinics, 400 patients.")
        assert update.state == State.RETURNED
        update = update_submit(update=update, by=world.partner_a)
    assert update.state == State.SUBMITTED
    assert update.first_submitted_at == first
    assert update.submitted_at > first


def test_it_refuses_a_return_without_a_comment(project, world):
    update = update_submit(update=_draft(project, world), by=world.partner_a)
    with pytest.raises(ValidationError):
        update_return(update=update, by=world.secretariat_x, comment=" ")


def test_accepting_locks_the_update(project, world):
    update = update_submit(update=_draft(project, world), by=world.partner_a)
    update_accept(update=update, by=world.secretariat_x)
    with pytest.raises(ValidationError):
        _draft(project, world)
    with pytest.raises(ValidationError):
        update_no_change(project=project, year=2026, quarter=3, by=world.partner_a)


def test_accepting_applies_the_status_and_the_disbursement(project, world):
    update = _draft(
        project,
        world,
        new_status=Project.Status.ON_HOLD,
        new_status_reason="No access to the sites.",
        disbursed_to_date=Decimal(30_000),
    )
    update_accept(update=update_submit(update=update, by=world.partner_a), by=world.secretariat_x)
    project.refresh_from_db()
    assert project.status == Project.Status.ON_HOLD
    assert project.status_reason == "No access to the sites."
    paid = project.transactions.get(type=Transaction.Type.DISBURSEMENT)
    assert paid.value == 30_000
    assert paid.value_date == dt.date(2026, 9, 30)
    assert project.history.first().history_user == world.secretariat_x


def test_accepting_no_change_leaves_the_project_alone(project, world):
    update = update_no_change(project=project, year=2026, quarter=3, by=world.partner_a)
    before = project.history.count()
    update_accept(update=update, by=world.secretariat_x)
    assert project.history.count() == before


def test_it_accepts_only_a_submitted_update(project, world):
    with pytest.raises(ValidationError):
        update_accept(update=_draft(project, world), by=world.secretariat_x)
