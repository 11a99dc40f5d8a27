"""Every page × every role → the status a GET answers (DESIGN §1: the roles).

The objects are Health's (swg_x): partner_a's WHO is a member, partner_b's EU
Delegation is not, so Health and its people lie outside partner_b's reach (404),
while a visible object with a forbidden action is a 403 (swg/permissions.py).
"""

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from coordination import health
from swg.models import ActionPoint, FocalPoint, ImportJob, Membership
from swg.reference_data import ensure_reference_data
from swg.services.calendar_feeds import calendar_token_create
from swg.services.invitations import invitations_add, rsvp_token
from swg.services.memberships import focal_point_appoint
from tests.factories import build_health_meetings, build_world

ROLES = (
    "anonymous",
    "partner_a",
    "partner_b",
    "secretariat_x",
    "secretariat_y",
    "chair",
    "coordination",
    "admin",
)

# password_reset_confirm needs a token (tested in test_accounts.py).
EXCLUDED = {"password_reset_confirm"}

ANON_ONLY_LOGIN = (302, 200, 200, 200, 200, 200, 200, 200)
EVERYONE = (200,) * 8
POST_ONLY = (405,) * 8
POST_ONLY_LOGIN = (302,) + (405,) * 7
CHAIR_ONLY = (302, 403, 404, 403, 403, 200, 403, 200)
HEALTH_VIEW = (302, 200, 404, 200, 200, 200, 200, 200)
HEALTH_MANAGE = (302, 403, 404, 200, 403, 200, 200, 200)
RESTRUCTURE = (302, 403, 404, 403, 403, 403, 200, 200)
ORG_A_CHANGE = (302, 200, 403, 200, 200, 200, 200, 200)
MINISTRY_STAFF = (302, 403, 403, 200, 200, 200, 200, 200)
# The import job and its file belong to secretariat_x: nobody else sees them (404).
IMPORT_JOB = (302, 404, 404, 200, 404, 404, 404, 404)
CONTACT_A = (302, 200, 404, 200, 200, 200, 200, 200)

# url name -> (how to build the URL from the objects, expected status per role)
TABLE = {
    "home": (lambda o: reverse("home"), ANON_ONLY_LOGIN),
    "healthz": (lambda o: reverse("healthz"), EVERYONE),
    "login": (lambda o: reverse("login"), (200, 302, 302, 302, 302, 302, 302, 302)),
    "logout": (lambda o: reverse("logout"), POST_ONLY),
    "password_change": (lambda o: reverse("password_change"), ANON_ONLY_LOGIN),
    "password_change_done": (lambda o: reverse("password_change_done"), ANON_ONLY_LOGIN),
    "password_reset": (lambda o: reverse("password_reset"), EVERYONE),
    "password_reset_done": (lambda o: reverse("password_reset_done"), EVERYONE),
    "password_reset_complete": (lambda o: reverse("password_reset_complete"), EVERYONE),
    "language_set": (lambda o: reverse("language_set"), POST_ONLY),
    "swg:list": (lambda o: reverse("swg:list"), ANON_ONLY_LOGIN),
    "swg:detail": (lambda o: reverse("swg:detail", args=[o["slug"]]), HEALTH_VIEW),
    "swg:membership_add": (
        lambda o: reverse("swg:membership_add", args=[o["slug"]]),
        HEALTH_MANAGE,
    ),
    "swg:membership_edit": (
        lambda o: reverse("swg:membership_edit", args=[o["slug"], o["membership"]]),
        HEALTH_MANAGE,
    ),
    "swg:membership_end": (
        lambda o: reverse("swg:membership_end", args=[o["slug"], o["membership"]]),
        HEALTH_MANAGE,
    ),
    "swg:swg_contacts": (lambda o: reverse("swg:swg_contacts", args=[o["slug"]]), HEALTH_VIEW),
    "swg:swg_contacts_export": (
        lambda o: reverse("swg:swg_contacts_export", args=[o["slug"], "csv"]),
        HEALTH_VIEW,
    ),
    "swg:restructure": (
        lambda o: reverse("swg:restructure", args=[o["slug"], "rename"]),
        RESTRUCTURE,
    ),
    "swg:organization_list": (lambda o: reverse("swg:organization_list"), ANON_ONLY_LOGIN),
    "swg:organization_create": (lambda o: reverse("swg:organization_create"), MINISTRY_STAFF),
    "swg:organization_detail": (
        lambda o: reverse("swg:organization_detail", args=[o["org"]]),
        ANON_ONLY_LOGIN,
    ),
    "swg:organization_edit": (
        lambda o: reverse("swg:organization_edit", args=[o["org"]]),
        ORG_A_CHANGE,
    ),
    "swg:focal_point_add": (
        lambda o: reverse("swg:focal_point_add", args=[o["org"]]),
        ORG_A_CHANGE,
    ),
    "swg:focal_point_end": (
        lambda o: reverse("swg:focal_point_end", args=[o["org"], o["focal_point"]]),
        ORG_A_CHANGE,
    ),
    "swg:contact_list": (lambda o: reverse("swg:contact_list"), ANON_ONLY_LOGIN),
    "swg:contact_export": (lambda o: reverse("swg:contact_export", args=["csv"]), ANON_ONLY_LOGIN),
    "swg:contact_create": (lambda o: reverse("swg:contact_create"), ANON_ONLY_LOGIN),
    "swg:contact_import": (lambda o: reverse("swg:contact_import"), MINISTRY_STAFF),
    "swg:contact_import_status": (
        lambda o: reverse("swg:contact_import_status", args=[o["job"]]),
        IMPORT_JOB,
    ),
    "swg:contact_import_errors": (
        lambda o: reverse("swg:contact_import_errors", args=[o["job"]]),
        IMPORT_JOB,
    ),
    "swg:contact_import_file": (
        lambda o: reverse("swg:contact_import_file", args=[o["job"]]),
        IMPORT_JOB,
    ),
    "swg:contact_import_retry": (
        lambda o: reverse("swg:contact_import_retry", args=[o["job"]]),
        POST_ONLY_LOGIN,
    ),
    "swg:contact_detail": (lambda o: reverse("swg:contact_detail", args=[o["contact"]]), CONTACT_A),
    "swg:contact_edit": (lambda o: reverse("swg:contact_edit", args=[o["contact"]]), CONTACT_A),
    "outbox": (lambda o: reverse("outbox"), MINISTRY_STAFF),
    "swg:meeting_plan": (lambda o: reverse("swg:meeting_plan", args=[o["slug"]]), HEALTH_MANAGE),
    "swg:swg_meetings": (lambda o: reverse("swg:swg_meetings", args=[o["slug"]]), HEALTH_VIEW),
    "swg:swg_meetings_month": (
        lambda o: reverse("swg:swg_meetings_month", args=[o["slug"]]),
        HEALTH_VIEW,
    ),
    "swg:swg_calendar_feed": (
        lambda o: reverse("swg:swg_calendar_feed", args=[o["slug"]]),
        HEALTH_VIEW,
    ),
    "swg:meeting_detail": (
        lambda o: reverse("swg:meeting_detail", args=[o["meeting"]]),
        HEALTH_VIEW,
    ),
    "swg:meeting_edit": (lambda o: reverse("swg:meeting_edit", args=[o["meeting"]]), HEALTH_MANAGE),
    "swg:meeting_cancel": (
        lambda o: reverse("swg:meeting_cancel", args=[o["meeting"]]),
        HEALTH_MANAGE,
    ),
    "swg:meeting_postpone": (
        lambda o: reverse("swg:meeting_postpone", args=[o["meeting"]]),
        HEALTH_MANAGE,
    ),
    "swg:meeting_agenda": (
        lambda o: reverse("swg:meeting_agenda", args=[o["meeting"]]),
        HEALTH_MANAGE,
    ),
    "swg:agenda_item_edit": (
        lambda o: reverse("swg:agenda_item_edit", args=[o["meeting"], o["agenda_item"]]),
        HEALTH_MANAGE,
    ),
    "swg:agenda_item_move": (
        lambda o: reverse("swg:agenda_item_move", args=[o["meeting"], o["agenda_item"]]),
        POST_ONLY_LOGIN,
    ),
    "swg:agenda_item_delete": (
        lambda o: reverse("swg:agenda_item_delete", args=[o["meeting"], o["agenda_item"]]),
        POST_ONLY_LOGIN,
    ),
    "swg:meeting_invitations": (
        lambda o: reverse("swg:meeting_invitations", args=[o["meeting"]]),
        HEALTH_MANAGE,
    ),
    "swg:invitation_remove": (
        lambda o: reverse("swg:invitation_remove", args=[o["meeting"], o["invitation"]]),
        POST_ONLY_LOGIN,
    ),
    "swg:meeting_send_invitations": (
        lambda o: reverse("swg:meeting_send_invitations", args=[o["meeting"]]),
        HEALTH_MANAGE,
    ),
    "swg:rsvp": (lambda o: reverse("swg:rsvp", args=[o["rsvp_token"]]), EVERYONE),
    "swg:calendar_list": (lambda o: reverse("swg:calendar_list"), ANON_ONLY_LOGIN),
    "swg:calendar_month": (lambda o: reverse("swg:calendar_month"), ANON_ONLY_LOGIN),
    "swg:calendar_feed": (lambda o: reverse("swg:calendar_feed", args=[o["feed_token"]]), EVERYONE),
    "swg:calendar_subscription": (lambda o: reverse("swg:calendar_subscription"), ANON_ONLY_LOGIN),
    "swg:calendar_token_create": (lambda o: reverse("swg:calendar_token_create"), POST_ONLY_LOGIN),
    "swg:calendar_token_revoke": (
        lambda o: reverse("swg:calendar_token_revoke", args=[o["feed_token_pk"]]),
        POST_ONLY_LOGIN,
    ),
    "swg:meeting_panel": (lambda o: reverse("swg:meeting_panel", args=[o["held"]]), HEALTH_VIEW),
    "swg:attendance_sheet": (
        lambda o: reverse("swg:attendance_sheet", args=[o["held"]]),
        HEALTH_MANAGE,
    ),
    "swg:attendance_add": (
        lambda o: reverse("swg:attendance_add", args=[o["held"]]),
        HEALTH_MANAGE,
    ),
    "swg:meeting_mark_held": (
        lambda o: reverse("swg:meeting_mark_held", args=[o["held"]]),
        POST_ONLY_LOGIN,
    ),
    "swg:minutes_create": (
        lambda o: reverse("swg:minutes_create", args=[o["held"]]),
        POST_ONLY_LOGIN,
    ),
    "swg:minutes_detail": (
        lambda o: reverse("swg:minutes_detail", args=[o["held"], o["minutes"]]),
        HEALTH_MANAGE,
    ),
    "swg:minutes_text": (
        lambda o: reverse("swg:minutes_text", args=[o["held"], o["minutes"]]),
        HEALTH_MANAGE,
    ),
    "swg:minutes_edit": (
        lambda o: reverse("swg:minutes_edit", args=[o["held"], o["minutes"]]),
        HEALTH_MANAGE,
    ),
    "swg:minutes_return": (
        lambda o: reverse("swg:minutes_return", args=[o["held"], o["minutes"]]),
        CHAIR_ONLY,
    ),
    "swg:action_point_add": (
        lambda o: reverse("swg:action_point_add", args=[o["held"], o["minutes"]]),
        HEALTH_MANAGE,
    ),
    **{
        f"swg:minutes_{step}": (
            lambda o, step=step: reverse(f"swg:minutes_{step}", args=[o["held"], o["minutes"]]),
            POST_ONLY_LOGIN,
        )
        for step in ("submit", "approve", "circulate", "correct")
    },
    "swg:swg_action_points": (
        lambda o: reverse("swg:swg_action_points", args=[o["slug"]]),
        HEALTH_VIEW,
    ),
    "swg:organization_action_points": (
        lambda o: reverse("swg:organization_action_points", args=[o["org"]]),
        ANON_ONLY_LOGIN,
    ),
    "swg:action_point_edit": (
        lambda o: reverse("swg:action_point_edit", args=[o["action_point"]]),
        HEALTH_MANAGE,
    ),
    "swg:action_point_status": (
        lambda o: reverse("swg:action_point_status", args=[o["action_point"]]),
        POST_ONLY_LOGIN,
    ),
    "swg:membership_review": (
        lambda o: reverse("swg:membership_review", args=[o["slug"]]),
        HEALTH_MANAGE,
    ),
    "swg:membership_review_decide": (
        lambda o: reverse("swg:membership_review_decide", args=[o["slug"], o["membership"]]),
        POST_ONLY_LOGIN,
    ),
}


def _url_names(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _url_names(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """Built once for the module's 257 requests; rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()  # an earlier transactional test may have flushed them
        world = build_world()
        # A running portal: beat and a worker just checked in, so /healthz is up.
        health.heartbeat_record(name=health.BEAT)
        health.heartbeat_record(name=health.WORKER)
        membership = Membership.objects.get(swg=world.swg_x, organization=world.org_a)
        focal_point = focal_point_appoint(
            organization=world.org_a,
            contact=world.contact_a,
            purpose=FocalPoint.Purpose.SWG,
            swg=world.swg_x,
        )
        job = ImportJob.objects.create(
            original_name="contacts.csv",
            created_by=world.secretariat_x,
            status=ImportJob.Status.INVALID,
            errors=[{"row": 2, "column": "email", "message": "Enter a valid email address."}],
        )
        meetings = build_health_meetings(world)
        meeting, agenda_item = meetings.planned, meetings.agenda_item
        held, minutes = meetings.held, meetings.minutes
        (invitation,) = invitations_add(meeting=meeting, contacts=[world.contact_a])
        feed_token = calendar_token_create(user=world.partner_a)
        action_point = ActionPoint.objects.create(
            swg=world.swg_x,
            source_meeting=held,
            description="Map the clinics",
            owner_organization=world.org_a,
            due_date=timezone.localdate(),
        )
        objects = {
            "held": held.pk,
            "minutes": minutes.pk,
            "action_point": action_point.pk,
            "meeting": meeting.pk,
            "agenda_item": agenda_item.pk,
            "invitation": invitation.pk,
            "rsvp_token": rsvp_token(invitation=invitation, choice="accepted"),
            "feed_token": feed_token.token,
            "feed_token_pk": feed_token.pk,
            "slug": world.swg_x.slug,
            "membership": membership.pk,
            "org": world.org_a.pk,
            "contact": world.contact_a.pk,
            "focal_point": focal_point.pk,
            "job": job.pk,
        }
        objects.update(_project_objects(world))
        yield world, objects
        transaction.set_rollback(True)


@pytest.fixture
def objects(db, matrix):
    _world, objects = matrix
    # PRIVATE_MEDIA_ROOT is a fresh folder per test: the upload must be there for the download.
    job = ImportJob.objects.get(pk=objects["job"])
    job.file.save("contacts.csv", ContentFile(b"email,organization\nnot-an-email,WHO\n"))
    job.rejected_file.save(
        "rejected-rows.csv",
        ContentFile(b"row,email,organization,errors\n2,not-an-email,WHO,email\n"),
    )
    return objects


def test_it_has_a_row_for_every_url_name():
    names = {n for n in _url_names() if not n.startswith("admin:")} - EXCLUDED
    assert names == set(TABLE)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(TABLE))
def test_it_answers_the_expected_status(client, matrix, objects, url_name, role):
    build_url, expected = TABLE[url_name]
    if role != "anonymous":
        client.force_login(matrix[0].users()[role])
    response = client.get(build_url(objects))
    want = expected[ROLES.index(role)]
    assert response.status_code == want, f"{url_name} as {role}"
    if role == "anonymous" and want == 302:
        assert response["Location"].startswith(reverse("login"))


# ---------------------------------------------------------------- project database
# The draft and the flagged pair's projects are in Health (swg_x). The draft is
# WHO's (partner_a); the published project is WHO's too, so the EU Delegation
# (partner_b) sees it but may not change it (403).

DRAFT_VIEW = (302, 200, 404, 200, 404, 200, 200, 200)
DRAFT_CHANGE = (302, 200, 404, 200, 404, 403, 200, 200)
PUBLISHED_CHANGE = (302, 200, 403, 200, 403, 403, 200, 200)
PROJECT_CREATE = (302, 200, 200, 200, 200, 403, 200, 200)
DUPLICATE_REVIEW = (302, 403, 403, 200, 403, 403, 200, 200)
API_EVERYONE = (401,) + (200,) * 7
API_DRAFT = (401, 200, 404, 200, 404, 200, 200, 200)
API_POST_ONLY = (401,) + (405,) * 7
GET_ONLY_LOGIN = (302,) + (405,) * 7
EVERYONE_REDIRECT = (302,) * 8


def _project(name):
    return lambda o: reverse(f"projects_db:{name}", args=[o["project_draft"]])


TABLE.update(
    {
        "projects_db:project_list": (
            lambda o: reverse("projects_db:project_list"),
            ANON_ONLY_LOGIN,
        ),
        "projects_db:project_create": (
            lambda o: reverse("projects_db:project_create"),
            PROJECT_CREATE,
        ),
        "projects_db:portfolio": (lambda o: reverse("projects_db:portfolio"), ANON_ONLY_LOGIN),
        "projects_db:duplicate_list": (
            lambda o: reverse("projects_db:duplicate_list"),
            ANON_ONLY_LOGIN,
        ),
        "projects_db:duplicate_review": (
            lambda o: reverse("projects_db:duplicate_review", args=[o["pair"]]),
            DUPLICATE_REVIEW,
        ),
        "projects_db:api_token": (lambda o: reverse("projects_db:api_token"), ANON_ONLY_LOGIN),
        "projects_db:project_detail": (_project("project_detail"), DRAFT_VIEW),
        "projects_db:project_edit": (
            lambda o: reverse("projects_db:project_edit", args=[o["project_published"]]),
            PUBLISHED_CHANGE,
        ),
        "projects_db:project_publish": (_project("project_publish"), DRAFT_CHANGE),
        "projects_db:project_unpublish": (_project("project_unpublish"), POST_ONLY_LOGIN),
        "projects_db:project_history": (_project("project_history"), DRAFT_VIEW),
        "projects_db:api-project-list": (
            lambda o: reverse("projects_db:api-project-list"),
            API_EVERYONE,
        ),
        "projects_db:api-project-detail": (
            lambda o: reverse("projects_db:api-project-detail", args=[o["project_draft"]]),
            API_DRAFT,
        ),
        "projects_db:api-update-list": (
            lambda o: reverse("projects_db:api-update-list"),
            API_EVERYONE,
        ),
        "projects_db:api-update-detail": (
            lambda o: reverse("projects_db:api-update-detail", args=[o["update"]]),
            API_DRAFT,
        ),
        "projects_db:api_schema": (lambda o: reverse("projects_db:api_schema"), API_EVERYONE),
        "projects_db:api_docs": (lambda o: reverse("projects_db:api_docs"), ANON_ONLY_LOGIN),
    }
)

# POST with no data: refused as for GET, or the form again with its errors (200),
# or done and redirected (302).
POST_TABLE = {
    "projects_db:project_list": GET_ONLY_LOGIN,
    "projects_db:project_create": PROJECT_CREATE,
    "projects_db:portfolio": GET_ONLY_LOGIN,
    "projects_db:duplicate_list": GET_ONLY_LOGIN,
    "projects_db:duplicate_review": DUPLICATE_REVIEW,
    "projects_db:api_token": EVERYONE_REDIRECT,
    "projects_db:project_detail": GET_ONLY_LOGIN,
    "projects_db:project_edit": PUBLISHED_CHANGE,
    "projects_db:project_publish": (302, 302, 404, 302, 404, 403, 302, 302),
    "projects_db:project_unpublish": (302, 302, 404, 302, 404, 403, 302, 302),
    "projects_db:project_history": GET_ONLY_LOGIN,
    "projects_db:api-project-list": (401, 400, 400, 400, 400, 403, 400, 400),
    "projects_db:api-project-detail": API_POST_ONLY,
    "projects_db:api-update-list": API_POST_ONLY,
    "projects_db:api-update-detail": API_POST_ONLY,
    "projects_db:api_schema": API_POST_ONLY,
    "projects_db:api_docs": GET_ONLY_LOGIN,
}


def _project_objects(world) -> dict:
    from projects_db.models import DuplicatePair, QuarterlyUpdate
    from tests.factories import make_project

    draft = make_project(owner=world.org_a, swg=world.swg_x)
    published = make_project(
        owner=world.org_a, swg=world.swg_x, publish=True, title_en="Mobile clinics for nomads"
    )
    make_project(
        owner=world.org_b,
        swg=world.swg_x,
        publish=True,
        title_en="Mobile clinics for the nomads",
    )
    pair = DuplicatePair.objects.get(project_a=published)
    update = QuarterlyUpdate.objects.create(project=draft, year=2025, quarter=1)
    return {
        "project_draft": draft.pk,
        "project_published": published.pk,
        "pair": pair.pk,
        "update": update.pk,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(POST_TABLE))
def test_it_answers_the_expected_status_to_a_post(client, matrix, objects, url_name, role):
    build_url, _expected = TABLE[url_name]
    if role != "anonymous":
        client.force_login(matrix[0].users()[role])
    response = client.post(build_url(objects))
    want = POST_TABLE[url_name][ROLES.index(role)]
    assert response.status_code == want, f"POST {url_name} as {role}"
    if role == "anonymous" and want == 302:
        assert response["Location"].startswith(reverse("login"))
