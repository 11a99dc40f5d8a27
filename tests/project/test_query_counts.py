"""Pages run a fixed number of queries, whatever the size of the data
(swg/selectors/: "each runs a fixed number of queries")."""

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from coordination.models import Notification
from swg.models import SWG, Contact, FocalPoint, Membership, Organization, SWGAppointment
from tests.factories import ContactFactory, OrganizationFactory, UserFactory

PAGES = {
    "swg detail": "/swg/health/",
    "swg contact list": "/swg/health/contacts/",
    "contact list": "/contacts/",
    "organization list": "/organizations/",
    "home": "/",
    "swg list": "/swg/",
    "document list": "/documents/",
    "document search": "/documents/?q=cold",
    "correspondence list": "/correspondence/",
    "tor list": "/tors/",
    "tor detail": "/tors/health/",
    "schedule preview": "/schedule/",
    "schedule subscriptions": "/schedule/mine/",
    "report index": "/reports/",
    "swg report list": "/reports/health/",
    "report detail": "/reports/health/2000/",
    "notifications": "/notifications/",
    "membership review": "/swg/health/reassessment/",
}

# Measured on SQLite with 10x data, plus a margin of two. The bell's count is
# cached from sign-in (coordination/notifications.py), so it is no query here.
MAX_QUERIES = {
    # The group page counts its members for their pagination (one query).
    ("secretariat", "swg detail"): 13,
    ("secretariat", "swg contact list"): 9,
    ("secretariat", "contact list"): 9,
    ("secretariat", "organization list"): 8,
    # The role home pages: the to-do list above the group cards (dashboards/selectors/home.py).
    ("secretariat", "home"): 12,
    ("chair", "home"): 10,
    ("partner", "home"): 15,
    ("secretariat", "swg list"): 8,
    ("coordination", "swg detail"): 12,
    ("coordination", "swg contact list"): 8,
    ("coordination", "contact list"): 8,
    ("coordination", "organization list"): 7,
    # The coordination team's home is the dashboards' summary of the seven SWGs.
    # Here and on the report page: the data version is read (coordination/data_version.py).
    ("coordination", "home"): 24,
    ("coordination", "swg list"): 7,
    ("partner", "swg detail"): 11,
    ("partner", "swg contact list"): 8,
    ("secretariat", "document list"): 7,
    ("secretariat", "document search"): 7,
    ("secretariat", "correspondence list"): 6,
    ("coordination", "document list"): 6,
    ("coordination", "correspondence list"): 5,
    ("partner", "document list"): 7,
    ("partner", "document search"): 7,
    ("secretariat", "tor list"): 6,
    ("secretariat", "tor detail"): 7,
    ("secretariat", "schedule preview"): 7,
    ("coordination", "tor list"): 5,
    ("coordination", "schedule preview"): 6,
    ("partner", "tor list"): 6,
    ("partner", "tor detail"): 7,
    ("partner", "schedule subscriptions"): 7,
    ("secretariat", "report index"): 7,
    ("secretariat", "swg report list"): 7,
    ("secretariat", "report detail"): 20,
    ("coordination", "report index"): 6,
    ("coordination", "swg report list"): 6,
    ("coordination", "report detail"): 19,
    ("secretariat", "notifications"): 8,
    ("partner", "notifications"): 8,
    # Every member of the group on one form, their figures read for all at once
    # (swg/selectors/reviews.py member_records).
    ("chair", "membership review"): 14,
    ("secretariat", "membership review"): 14,
    ("coordination", "membership review"): 13,
}


def _factory_world(factor: int) -> None:
    """Stand-in for swg.demo.world.build_scaled_world: ~40 people and 10
    organizations per unit, members spread over the seven SWGs."""
    swgs = list(SWG.objects.filter(lead=SWG.Lead.MOP, is_active=True).order_by("number"))
    done = Organization.objects.filter(name_en__startswith="Scaled ").count() // 10
    for copy in range(done, factor):
        for n in range(10):
            org = OrganizationFactory(name_en=f"Scaled {copy}-{n}")
            people = ContactFactory.create_batch(4, organization=org)
            swg = swgs[(copy + n) % len(swgs)]
            Membership.objects.create(swg=swg, organization=org, contact=people[0])
            FocalPoint.objects.create(organization=org, contact=people[1], swg=swg, purpose="swg")


def _scaled_reports(factor: int) -> None:
    """Health's yearly progress reports, one per unit of scale (2000, 2001, …)."""
    import datetime as dt

    from reports.models import ProgressReport

    health = SWG.objects.get(slug="health")
    for n in range(factor):
        ProgressReport.objects.get_or_create(
            swg=health, period_kind="year", period_start=dt.date(2000 + n, 1, 1)
        )


def _scaled_world(factor: int) -> None:
    _scaled_reports(factor)
    try:
        from swg.demo.world import build_scaled_world
    except ImportError:
        _factory_world(factor)
    else:
        build_scaled_world(factor)


def _people() -> dict[str, User]:
    health = SWG.objects.get(slug="health")
    member = (
        Membership.objects.active().filter(swg=health, organization__isnull=False).first()
    ).organization
    secretariat = UserFactory(kind=User.Kind.GOVERNMENT)
    SWGAppointment.objects.create(user=secretariat, swg=health, role="secretariat")
    chair = UserFactory(kind=User.Kind.GOVERNMENT)
    SWGAppointment.objects.create(user=chair, swg=health, role="chair")
    people = {
        "secretariat": secretariat,
        "chair": chair,
        "coordination": UserFactory(kind=User.Kind.COORDINATION),
        "partner": UserFactory(organization=member),
    }
    # A page of notifications under each bell, half of them unread.
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind="minutes.approved",
            object_key=f"minutes:{n}",
            url="/swg/",
            params={"meeting": {"en": "Health SWG", "ar": ""}, "swg": "Health"},
            delivery="off",
            read_at=timezone.now() if n % 2 else None,
        )
        for user in people.values()
        for n in range(30)
    )
    return people


def _new_data_version() -> None:
    """Figures are cached under the data version (coordination/data_version.py):
    a write makes each pass start without them, whatever the passes before."""
    SWG.objects.filter(slug="health").update(number=F("number"))


def _count(client, user, url) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture(scope="module")
def big_world(django_db_setup, django_db_blocker):
    from swg.reference_data import ensure_reference_data

    with django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()  # a transactional test before this module flushed them
        _scaled_world(10)
        yield _people()
        transaction.set_rollback(True)


@pytest.mark.parametrize(("role", "page"), sorted(MAX_QUERIES))
def test_it_stays_within_its_query_budget(
    client, db, big_world, django_assert_max_num_queries, role, page
):
    client.force_login(big_world[role])
    with django_assert_max_num_queries(MAX_QUERIES[role, page]):
        assert client.get(PAGES[page]).status_code == 200


def test_it_has_ten_times_the_data(big_world):
    assert Contact.objects.count() >= 400
    assert Organization.objects.count() >= 100
    assert Membership.objects.active().values("swg").distinct().count() == 7


def test_it_runs_as_many_queries_with_ten_times_the_data(client, db):
    _scaled_world(1)
    people = _people()
    keys = sorted(MAX_QUERIES)
    _new_data_version()
    before = {(role, page): _count(client, people[role], PAGES[page]) for role, page in keys}
    _scaled_world(10)
    _new_data_version()
    after = {(role, page): _count(client, people[role], PAGES[page]) for role, page in keys}
    assert after == before
