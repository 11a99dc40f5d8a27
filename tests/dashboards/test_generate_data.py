"""``manage.py generate_data``: S is the demo; the bulk sizes keep the rules the
services keep, write history, leave the demo logins, and the pages render."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.test import Client

from accounts.models import User
from coordination.models import OutboxMessage
from projects_db.models import Project, QuarterlyUpdate, Transaction
from swg.models import (
    ActionPoint,
    Attendance,
    Contact,
    Document,
    DocumentVersion,
    Invitation,
    Meeting,
    Membership,
    Minutes,
    Organization,
)
from tests.support.services import need

HELD = (Meeting.Status.HELD, Meeting.Status.CIRCULATED)
LOGINS = ("partner@demo.ly", "secretariat@demo.ly", "coordination@demo.ly")


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """One small generation (2 % of M) per module, rolled back afterwards."""
    from dashboards.generate import generate

    with django_db_blocker.unblock(), transaction.atomic():
        run = generate(size="XS", today=dt.date(2026, 11, 24))
        # Read back now: each test gets its own private media folder (conftest).
        version = DocumentVersion.objects.order_by("pk").first()
        run.first_file = version.file.read()
        # And the passwords, with the hasher the generation used (tests switch to MD5).
        run.signs_in = {e: User.objects.get(email=e).check_password("demo12345") for e in LOGINS}
        yield run
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_size_s_runs_the_three_demo_loaders(monkeypatch):
    # The loaders themselves are tested with the demo (tests/swg, tests/projects_db);
    # running them here would take most of a minute.
    import dashboards.generate

    called = []
    monkeypatch.setattr(dashboards.generate, "call_command", lambda name, **kw: called.append(name))

    call_command("generate_data", size="S", stdout=io.StringIO())

    assert called == ["load_demo", "load_demo_projects", "load_demo_reports"]


@pytest.mark.django_db
def test_it_refuses_a_database_that_holds_portal_data():
    Organization.objects.create(name_en="Existing", org_type=Organization.Type.CSO)

    with pytest.raises(CommandError, match="empty"):
        call_command("generate_data", size="M")


@pytest.mark.django_db
def test_it_writes_through_copy_on_postgresql(generated):
    need(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL=postgres://...)")

    assert generated.copier is not None
    # The sequences moved past the keys it handed out: a service's save still works.
    meeting = Meeting.objects.order_by("pk").last()
    copy = Meeting.objects.create(
        swg=meeting.swg, starts_at=meeting.starts_at, ends_at=meeting.ends_at
    )
    assert copy.pk > meeting.pk


@pytest.mark.django_db
def test_counts_are_in_proportion_to_m(generated):
    meetings = Meeting.objects.count()

    assert 100 <= meetings <= 130  # 2 % of 6,000
    assert 10 <= Invitation.objects.count() / meetings <= 18  # 85,000 / 6,000
    assert 10 <= Attendance.objects.count() / meetings <= 18
    assert Organization.objects.count() >= 45 and Contact.objects.count() >= 100
    assert 50 <= Project.objects.count() <= 70
    assert QuarterlyUpdate.objects.count() / Project.objects.count() >= 8


@pytest.mark.django_db
def test_every_held_meeting_has_attendance_with_someone_present(generated):
    held = Meeting.objects.filter(status__in=HELD)

    assert held.exists()
    assert not held.exclude(attendance__status="present").exists()
    assert not Attendance.objects.exclude(meeting__status__in=HELD).exists()


@pytest.mark.django_db
def test_every_invited_person_is_a_member_on_the_day_unless_ad_hoc(generated):
    member_then = Membership.objects.filter(
        swg=OuterRef("meeting__swg"),
        contact=OuterRef("contact"),
        start_date__lte=OuterRef("meeting__starts_at__date"),
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("meeting__starts_at__date")))
    invitations = Invitation.objects.filter(is_ad_hoc=False)

    assert invitations.exists()
    assert not invitations.filter(~Exists(member_then)).exists()
    assert not Invitation.objects.filter(meeting__invitations_sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_each_group_has_one_active_chair_from_the_government(generated):
    chairs = Membership.objects.filter(role="chair", end_date__isnull=True)

    assert chairs.values("swg").annotate(n=Count("pk")).filter(n__gt=1).count() == 0
    assert not chairs.exclude(organization__org_type__in=("ministry", "gov_body")).exists()


@pytest.mark.django_db
def test_circulated_minutes_were_approved_and_sent_to_the_invited_members(generated):
    circulated = Minutes.objects.filter(status=Minutes.Status.CIRCULATED)

    assert circulated.exists()
    assert not circulated.filter(
        Q(approved_by__isnull=True) | Q(approved_at__isnull=True) | Q(circulated_at__isnull=True)
    ).exists()
    assert not circulated.exclude(meeting__status=Meeting.Status.CIRCULATED).exists()
    assert (
        not Meeting.objects.filter(status=Meeting.Status.CIRCULATED)
        .exclude(minutes__status=Minutes.Status.CIRCULATED)
        .exists()
    )
    one = circulated.first()
    invited = set(
        one.meeting.invitations.filter(is_ad_hoc=False).values_list("contact__email", flat=True)
    )
    sent = set(
        OutboxMessage.objects.filter(object_key=f"minutes:{one.pk}").values_list(
            "recipient_email", flat=True
        )
    )
    assert sent == {email.lower() for email in invited}


@pytest.mark.django_db
def test_every_invitation_was_sent_once_and_every_message_has_its_sent_time(generated):
    assert OutboxMessage.objects.filter(purpose="meeting.invitation").count() == (
        Invitation.objects.count()
    )
    assert not OutboxMessage.objects.exclude(status="sent").exists()
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_closed_action_points_have_a_closing_date_and_open_ones_none(generated):
    assert ActionPoint.objects.exists()
    assert not ActionPoint.objects.filter(
        status__in=("done", "dropped"), closed_on__isnull=True
    ).exists()
    assert not ActionPoint.objects.filter(
        status__in=ActionPoint.OPEN_STATUSES, closed_on__isnull=False
    ).exists()
    assert not ActionPoint.objects.exclude(source_meeting__swg=F("swg")).exists()


@pytest.mark.django_db
def test_quarterly_updates_follow_the_submission_rules(generated):
    updates = QuarterlyUpdate.objects.all()

    assert not updates.exclude(project__state=Project.State.PUBLISHED).exists()
    assert not updates.filter(year__gt=2026).exists()
    assert not updates.filter(
        state__in=("submitted", "accepted", "returned"), first_submitted_at__isnull=True
    ).exists()
    assert not updates.filter(state__in=("accepted", "returned"), reviewed_at__isnull=True).exists()
    assert not updates.filter(state="returned", review_comment="").exists()
    assert not updates.filter(no_change=True, disbursed_to_date__isnull=False).exists()
    # Accepted disbursed amounts are the project's recorded disbursements.
    accepted = updates.filter(state="accepted", disbursed_to_date__isnull=False).order_by(
        "-year", "-quarter"
    )
    update = accepted.first()
    later = accepted.filter(project=update.project).order_by("-year", "-quarter").first()
    recorded = sum(
        Transaction.objects.filter(project=update.project, type=3).values_list("value", flat=True)
    )
    assert recorded == later.disbursed_to_date


@pytest.mark.django_db
def test_documents_have_a_version_with_a_stored_file(generated):
    assert not Document.objects.filter(versions__isnull=True).exists()
    assert generated.first_file.startswith(b"Sector working group document")


@pytest.mark.django_db
def test_history_is_written_for_every_area(generated):
    for model in (Organization, Contact, Membership, Meeting, Invitation, Minutes, ActionPoint,
                  Project, QuarterlyUpdate, Document):  # fmt: skip
        assert model.history.count() >= model.objects.count(), model.__name__
    minutes = Minutes.objects.filter(status=Minutes.Status.CIRCULATED).first()
    steps = list(minutes.history.order_by("history_date").values_list("status", flat=True))
    assert steps == ["draft", "submitted", "approved", "circulated"]


@pytest.mark.django_db
@pytest.mark.parametrize("email", LOGINS)
def test_the_demo_logins_sign_in_and_the_pages_render(generated, email):
    user = User.objects.get(email=email)
    assert generated.signs_in[email]
    client = Client()
    client.force_login(user)
    meeting = Meeting.objects.filter(swg__slug="health", status=Meeting.Status.CIRCULATED).first()

    pages = ["/", "/swg/health/", f"/meetings/{meeting.pk}/", "/contacts/", "/projects/"]
    if not email.startswith("partner"):
        pages.append("/dashboards/")  # the coordination dashboards are not for partners

    for url in pages:
        assert client.get(url).status_code == 200, url
