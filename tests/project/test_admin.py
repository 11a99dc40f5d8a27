"""The admin shows every record an administrator may need, and only shows (never
adds, edits or deletes) those that change through a service."""

import datetime as dt

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coordination.models import Heartbeat, Notification, OutboxMessage
from swg.models import (
    SWG,
    ActionPoint,
    AgendaItem,
    Attendance,
    CalendarReply,
    Contact,
    Correspondence,
    Document,
    FocalPoint,
    ImportJob,
    Invitation,
    Meeting,
    Membership,
    MembershipReview,
    Minutes,
    MinutesItem,
    Organization,
    PublicHoliday,
    ScheduleOptOut,
    ScheduleSubscription,
    StructureChange,
    Subsector,
    SWGAppointment,
    TorVersion,
)
from tests.factories import ContactFactory, OrganizationFactory, UserFactory

EDITABLE = [Organization, Contact, SWGAppointment, User, PublicHoliday]
READ_ONLY = [
    SWG,
    Subsector,
    StructureChange,
    Membership,
    FocalPoint,
    MembershipReview,
    Meeting,
    AgendaItem,
    Invitation,
    CalendarReply,
    Attendance,
    Minutes,
    ActionPoint,
    ImportJob,
    OutboxMessage,
    Heartbeat,
    Notification,
    Document,
    Correspondence,
    TorVersion,
    ScheduleSubscription,
    ScheduleOptOut,
]
ALL = EDITABLE + READ_ONLY


def _url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def _add_one_of_each(world, n: int) -> None:
    """One meeting with everything hanging from it, and the other records."""
    org = OrganizationFactory()
    contact = ContactFactory(organization=org)
    membership = Membership.objects.create(swg=world.swg_x, organization=org, contact=contact)
    start = timezone.now() + dt.timedelta(days=n)
    meeting = Meeting.objects.create(
        swg=world.swg_x, title_en=f"Meeting {n}", starts_at=start, ends_at=start + dt.timedelta(1)
    )
    AgendaItem.objects.create(meeting=meeting, title_en="Item", presenter=contact)
    invitation = Invitation.objects.create(meeting=meeting, contact=contact)
    CalendarReply.objects.create(
        invitation=invitation, message_key=f"<{n}@who.example>", sender=contact.email
    )
    Attendance.objects.create(meeting=meeting, contact=contact, organization=org, status="present")
    minutes = Minutes.objects.create(meeting=meeting, created_by=world.admin)
    MinutesItem.objects.create(minutes=minutes, title="Item")
    ActionPoint.objects.create(
        swg=world.swg_x,
        source_meeting=meeting,
        description="Send the figures",
        owner_organization=org,
        owner_contact=contact,
        due_date=start.date(),
    )
    MembershipReview.objects.create(
        membership=membership,
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31),
        decision="keep",
        decided_by=world.chair,
    )
    FocalPoint.objects.create(organization=org, contact=contact, purpose="swg", swg=world.swg_x)
    SWGAppointment.objects.create(user=world.coordination, swg=world.swg_y, role="chair")
    ImportJob.objects.create(
        file=f"imports/{n}.csv", original_name=f"{n}.csv", created_by=world.admin
    )
    OutboxMessage.objects.create(
        purpose="test",
        object_key=f"test:{n}",
        recipient_email=contact.email,
        swg=world.swg_x,
        subject="Subject",
        body_text="Body",
    )
    Heartbeat.objects.create(name=f"component-{n}", seen_at=timezone.now())
    Notification.objects.create(
        recipient=world.partner_a,
        kind="minutes.approved",
        object_key=f"minutes:{n}",
        url="/swg/",
        delivery="off",
    )
    Document.objects.create(
        swg=world.swg_x,
        title=f"Report {n}",
        category="report",
        document_date=start.date(),
        language="en",
    )
    Correspondence.objects.create(
        reference=f"IN-{n}",
        date=start.date(),
        direction="in",
        from_organization=org,
        to_organization=org,
        subject_en="Letter",
        channel="mfa",
        kind="letter",
    )
    TorVersion.objects.create(swg=world.swg_x, number=n, endorsed_by=world.chair)
    ScheduleSubscription.objects.create(user=UserFactory(), swg=world.swg_y)
    ScheduleOptOut.objects.create(email=f"out-{n}@example.org", source="link")
    PublicHoliday.objects.create(name_en=f"Holiday {n}", year=2040 + n, month=6, day=10)


@pytest.fixture
def as_admin(client, world):
    _add_one_of_each(world, 1)
    client.force_login(world.admin)
    return client


def test_it_registers_every_model_an_administrator_needs():
    missing = [model.__name__ for model in ALL if model not in admin.site._registry]
    assert missing == []


@pytest.mark.parametrize("model", ALL, ids=lambda m: m.__name__)
def test_it_lists_and_shows_the_records(as_admin, model):
    assert as_admin.get(_url(model, "changelist")).status_code == 200
    record = model.objects.order_by("pk").last()
    assert as_admin.get(_url(model, "change", record.pk)).status_code == 200


@pytest.mark.parametrize("model", ALL, ids=lambda m: m.__name__)
def test_its_lists_run_as_many_queries_for_two_rows_as_for_one(as_admin, world, model):
    url = _url(model, "changelist")
    as_admin.get(url)  # caches (content types, sessions) warm up
    with CaptureQueriesContext(connection) as one:
        as_admin.get(url)
    _add_one_of_each(world, 2)
    with CaptureQueriesContext(connection) as two:
        as_admin.get(url)
    assert len(two) == len(one), [q["sql"] for q in two.captured_queries]


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_it_offers_no_add_change_or_delete_where_a_service_decides(as_admin, model):
    record = model.objects.order_by("pk").last()
    listing = as_admin.get(_url(model, "changelist")).content.decode()
    assert _url(model, "add") not in listing
    assert as_admin.get(_url(model, "add")).status_code == 403
    assert as_admin.post(_url(model, "change", record.pk), {}).status_code == 403
    assert as_admin.post(_url(model, "delete", record.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("model", EDITABLE, ids=lambda m: m.__name__)
def test_it_offers_add_for_the_directory_and_appointments(as_admin, model):
    assert _url(model, "add") in as_admin.get(_url(model, "changelist")).content.decode()


@pytest.mark.parametrize("model", [Meeting, Organization], ids=lambda m: m.__name__)
def test_it_shows_a_past_version_but_never_reverts_to_it(as_admin, model):
    record = model.objects.order_by("pk").last()
    url = _url(model, "simple_history", record.pk, record.history.earliest().history_id)
    assert as_admin.get(url).status_code == 200
    assert as_admin.post(url, {}).status_code == 403


def test_it_refuses_a_holiday_that_leaves_no_working_day_in_a_first_week(as_admin):
    # June 2030 starts on a Saturday: Sunday 2 to Thursday 6 are its working days.
    response = as_admin.post(
        _url(PublicHoliday, "add"),
        {"name_en": "Too long", "name_ar": "", "month": 6, "day": 2, "year": 2030, "days": 5},
    )
    assert response.status_code == 200
    assert "June 2030 has no working day" in response.content.decode()
    assert not PublicHoliday.objects.filter(name_en="Too long").exists()
