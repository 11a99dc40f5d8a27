import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from projects_db.models import IndicatorMeasurement, IndicatorTarget, NationalPriority
from projects_db.services.results import (
    goal_save,
    indicator_save,
    measurement_record,
    priority_save,
    target_set,
)
from projects_db.services.updates import update_accept, update_save_draft, update_submit
from tests.factories import make_indicator, make_project

pytestmark = pytest.mark.django_db
Source = IndicatorMeasurement.Source


@pytest.fixture
def indicator(world):
    return make_indicator(world)


def test_it_keeps_a_target_per_period_with_history(indicator, world):
    target = target_set(
        indicator=indicator, year=2026, quarter=0, value=Decimal(60), by=world.secretariat_x
    )
    assert target.period == "2026"
    assert target.history.get().history_user == world.secretariat_x


def test_it_refuses_a_target_without_a_period(indicator, world):
    with pytest.raises(ValidationError) as error:
        target_set(
            indicator=indicator, year=None, quarter=0, value=Decimal(60), by=world.secretariat_x
        )
    assert "year" in error.value.message_dict


def test_it_refuses_a_second_value_for_a_period_and_says_to_edit_it(indicator, world):
    measurement_record(
        indicator=indicator, year=2026, quarter=1, value=Decimal(44), by=world.secretariat_x
    )
    with pytest.raises(ValidationError) as error:
        measurement_record(
            indicator=indicator, year=2026, quarter=1, value=Decimal(45), by=world.secretariat_x
        )
    assert "2026-Q1 is already recorded; edit it instead" in error.value.messages[0]


def test_it_updates_a_value_in_place(indicator, world):
    first = measurement_record(
        indicator=indicator, year=2026, quarter=1, value=Decimal(44), by=world.secretariat_x
    )
    again = measurement_record(
        indicator=indicator,
        measurement=first,
        year=2026,
        quarter=1,
        value=Decimal(46),
        by=world.secretariat_x,
    )
    assert again.pk == first.pk and IndicatorMeasurement.objects.get().value == 46
    assert first.history.count() == 2


def test_a_target_can_be_moved_to_a_free_period_only(indicator, world):
    target_set(indicator=indicator, year=2026, quarter=0, value=Decimal(60), by=world.coordination)
    second = target_set(
        indicator=indicator, year=2027, quarter=0, value=Decimal(80), by=world.coordination
    )
    with pytest.raises(ValidationError):
        target_set(
            indicator=indicator,
            target=second,
            year=2026,
            quarter=0,
            value=Decimal(80),
            by=world.coordination,
        )
    assert IndicatorTarget.objects.count() == 2


def test_an_indicator_links_only_projects_of_its_group(world):
    other = make_project(owner=world.org_a, swg=world.swg_y)
    with pytest.raises(ValidationError):
        make_indicator(world, projects=[other])


def test_an_indicator_takes_only_an_objective_of_its_group(world, indicator):
    goal = goal_save(swg=world.swg_y, by=world.coordination, text_en="Schools")
    with pytest.raises(ValidationError):
        indicator_save(
            swg=world.swg_y,
            by=world.coordination,
            name_en="Pupils",
            unit="pupils",
            objective=indicator.objective,
        )
    assert goal.pk


def test_the_coordination_team_keeps_the_national_priorities(world):
    priority = priority_save(
        by=world.coordination,
        code="NP-11",
        name_en="Water",
        name_ar="المياه",
        order=11,
        is_active=True,
    )
    assert (
        NationalPriority.objects.get(code="NP-11").history.get().history_user == world.coordination
    )
    assert priority.name_ar == "المياه"


# ------------------------------------------------------------ fed from quarterly updates


@pytest.fixture
def _october_2026():
    with time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC), tick=False):
        yield


def _report(project, world, value, indicator):
    update = update_save_draft(
        project=project,
        year=2026,
        quarter=3,
        by=world.partner_a,
        narrative="Clinics opened.",
        indicators=[{"indicator": indicator, "value": Decimal(value)}],
    )
    return update_submit(update=update, by=world.partner_a)


@pytest.mark.usefixtures("_october_2026")
def test_an_accepted_update_feeds_the_quarter_with_the_sum_over_projects(world):
    one = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    two = make_project(owner=world.org_b, swg=world.swg_x, publish=True, title_en="Clinics in Ghat")
    indicator = make_indicator(world, projects=[one, two])
    first = _report(one, world, 3, indicator)
    second = _report(two, world, 4, indicator)
    assert first.indicator_values.get().name == indicator.name_en  # filled in from the indicator
    update_accept(update=first, by=world.secretariat_x)
    assert IndicatorMeasurement.objects.get().value == 3
    update_accept(update=second, by=world.secretariat_x)
    measurement = IndicatorMeasurement.objects.get()
    assert (measurement.year, measurement.quarter, measurement.value) == (2026, 3, 7)
    assert measurement.source == Source.UPDATES


@pytest.mark.usefixtures("_october_2026")
def test_a_value_the_secretariat_entered_is_left_alone(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    indicator = make_indicator(world, projects=[project])
    measurement_record(
        indicator=indicator, year=2026, quarter=3, value=Decimal(50), by=world.secretariat_x
    )
    update_accept(update=_report(project, world, 3, indicator), by=world.secretariat_x)
    assert IndicatorMeasurement.objects.get().value == 50


@pytest.mark.usefixtures("_october_2026")
def test_an_update_reports_only_on_indicators_its_project_is_linked_to(world):
    project = make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    indicator = make_indicator(world)
    with pytest.raises(ValidationError) as error:
        _report(project, world, 3, indicator)
    assert "not linked" in str(error.value)
