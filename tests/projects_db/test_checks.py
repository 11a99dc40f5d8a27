import datetime as dt
from decimal import Decimal

import pytest

from projects_db.checks import (
    ERROR,
    WARNING,
    budget,
    dates,
    districts,
    funding,
    iati_codes,
    implementing,
    sector,
    status,
    title,
)
from projects_db.checks.runner import project_quality
from projects_db.models import Project, ProjectParticipant, Transaction
from swg.models import SWG, Subsector
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    return make_project(owner=world.org_a, swg=world.swg_x)


def levels(found):
    return [level for level, _message in found]


def test_it_passes_a_complete_project(project):
    quality = project_quality(project)
    assert quality.errors == []
    assert quality.can_publish


def test_it_wants_a_title(project):
    project.title_en = project.title_ar = ""
    assert levels(title.check(project)) == [ERROR]


def test_it_warns_when_the_title_has_one_language(project):
    project.title_ar = ""
    assert levels(title.check(project)) == [WARNING]


def test_it_wants_a_start_date(project):
    project.planned_start = None
    assert ERROR in levels(dates.check(project))


def test_it_refuses_an_end_before_the_start(project):
    project.planned_end = project.planned_start - dt.timedelta(days=1)
    assert ERROR in levels(dates.check(project))


def test_it_warns_of_an_ongoing_project_that_has_not_started(project):
    project.planned_start = dt.date.today() + dt.timedelta(days=30)
    project.planned_end = None
    assert levels(dates.check(project)) == [WARNING, WARNING]


def test_it_wants_a_reason_for_on_hold(project):
    project.status = Project.Status.ON_HOLD
    assert levels(status.check(project)) == [ERROR]


def test_it_refuses_a_status_outside_the_iati_codelist(project):
    project.status = 9
    assert levels(status.check(project)) == [ERROR]


def test_it_wants_districts_or_nationwide(project):
    project.districts.clear()
    assert levels(districts.check(project)) == [ERROR]
    project.nationwide = True
    assert districts.check(project) == []


def test_it_wants_an_implementing_organization(project):
    project.participants.filter(role=ProjectParticipant.Role.IMPLEMENTING).delete()
    assert levels(implementing.check(project)) == [ERROR]


def test_it_wants_a_donor(project):
    project.participants.filter(role=ProjectParticipant.Role.FUNDING).delete()
    assert levels(implementing.check(project)) == [ERROR]


def test_it_wants_a_budget(project):
    project.budgets.all().delete()
    assert levels(budget.check(project)) == [ERROR]


def test_it_warns_of_a_budget_line_longer_than_a_year(project):
    project.budgets.update(period_end=dt.date(2026, 6, 30))
    assert levels(budget.check(project)) == [WARNING]


def test_it_warns_of_a_budget_outside_the_project_dates(project):
    project.budgets.update(period_start=dt.date(2030, 1, 1), period_end=dt.date(2030, 12, 31))
    assert levels(budget.check(project)) == [WARNING]


def test_it_warns_when_a_running_project_has_no_commitment(project):
    project.transactions.all().delete()
    assert levels(funding.check(project)) == [WARNING]


def test_it_warns_of_a_disbursement_in_the_future(project):
    project.transactions.create(
        type=Transaction.Type.DISBURSEMENT,
        value=Decimal(5),
        currency="USD",
        value_date=dt.date.today() + dt.timedelta(days=3),
    )
    assert levels(funding.check(project)) == [WARNING]


def test_it_refuses_a_subsector_of_another_working_group(project):
    project.subsector = Subsector.objects.exclude(swg=project.swg).first()
    assert ERROR in levels(sector.check(project))


def test_it_asks_for_a_subsector_when_the_group_has_some(world):
    swg = SWG.objects.get(slug="economic-reform")
    project = make_project(owner=world.org_a, swg=swg)
    assert "Choose the subsector within the working group." in [
        m for _l, m in sector.check(project)
    ]


def test_it_warns_without_a_dac_code(project):
    project.dac_sector = ""
    assert WARNING in levels(sector.check(project))


def test_it_refuses_a_malformed_iati_identifier(project):
    project.iati_identifier = "XM DAC 1"
    assert levels(iati_codes.check(project)) == [ERROR]


def test_it_refuses_a_dac_code_without_five_digits(project):
    project.dac_sector = "122"
    assert levels(iati_codes.check(project)) == [ERROR]


def test_it_warns_of_a_currency_without_exchange_rate(project):
    project.currency = "JPY"
    found = iati_codes.check(project, known_currencies=frozenset({"USD"}))
    assert levels(found) == [WARNING]


def test_it_blocks_publication_on_errors_only(project):
    project.budgets.all().delete()
    project.dac_sector = ""
    quality = project_quality(project)
    assert quality.errors == ["Add the budget, one line per year."]
    assert "Add the OECD DAC sector code." in quality.warnings
    assert not quality.can_publish
