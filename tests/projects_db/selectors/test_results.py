from decimal import Decimal

import pytest

from projects_db.selectors.results import indicator_progress, results_framework
from projects_db.services.results import indicator_save, measurement_record, target_set
from tests.factories import make_indicator

pytestmark = pytest.mark.django_db


def _point(indicator, by, year, quarter, *, value=None, target=None):
    if value is not None:
        measurement_record(
            indicator=indicator, year=year, quarter=quarter, value=Decimal(value), by=by
        )
    if target is not None:
        target_set(indicator=indicator, year=year, quarter=quarter, value=Decimal(target), by=by)


def test_the_framework_places_indicators_under_their_objectives(world):
    indicator = make_indicator(world)
    whole = indicator_save(
        swg=world.swg_x, by=world.coordination, name_en="Health budget", unit="%"
    )
    framework = results_framework(swg=world.swg_x)
    (branch,) = framework["goals"]
    ((objective, statuses),) = branch.objectives
    assert objective == indicator.objective
    assert [s.indicator for s in statuses] == [indicator]
    assert [s.indicator for s in framework["swg_indicators"]] == [whole]


def test_the_latest_value_is_measured_against_its_periods_target_or_the_next(world):
    indicator = make_indicator(world)
    by = world.secretariat_x
    _point(indicator, by, 2025, 0, target=50)
    _point(indicator, by, 2026, 0, target=60)
    _point(indicator, by, 2025, 4, value=48)
    _point(indicator, by, 2026, 2, value=54)
    (status,) = results_framework(swg=world.swg_x)["goals"][0].objectives[0][1]
    assert (status.latest.value, status.target.value, status.percent_of_target) == (54, 60, 90)


def test_progress_lists_every_period_in_order_quarters_before_their_year(world):
    indicator = make_indicator(world)
    by = world.secretariat_x
    _point(indicator, by, 2026, 0, target=60)
    _point(indicator, by, 2026, 2, value=51)
    _point(indicator, by, 2025, 4, value=47, target=45)
    progress = indicator_progress(indicator=indicator)
    assert [r.period for r in progress["rows"]] == ["2025-Q4", "2026-Q2", "2026"]
    row = progress["rows"][0]
    assert (row.measurement.value, row.target.value) == (47, 45)
    assert "<title>2026: 60</title>" in progress["chart"]


def test_an_indicator_without_figures_has_no_chart(world):
    indicator = make_indicator(world, baseline_value=None)
    assert indicator_progress(indicator=indicator) == {"rows": [], "chart": None}
