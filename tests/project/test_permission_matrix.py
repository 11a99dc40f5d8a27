"""Every page × every role → the status a GET answers, and every state-changing
POST × every role → login, 404, 403 or done (DESIGN §1: the roles).

The objects are Health's (swg_x): partner_a's WHO is a member, partner_b's EU
Delegation is not, so Health and its people lie outside partner_b's reach (404),
while a visible object with a forbidden action is a 403 (swg/permissions.py).
Both tables are checked against the URL configuration, so a new route without
a row fails.
"""

import ast
import datetime as dt
import inspect
import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.contrib.messages import ERROR, get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from coordination import health
from coordination.models import Notification, OutboxMessage
from projects_db.forms.projects import FORM_FIELDS, FORMSETS
from projects_db.models import District, Project
from projects_db.selectors.submissions import reporting_quarter
from projects_db.services.updates import update_no_change
from swg.models import SWG, FocalPoint, ImportJob, Membership, TorVersion
from swg.reference_data import ensure_reference_data
from swg.services.action_points import action_point_add
from swg.services.attendance import attendance_record
from swg.services.calendar_feeds import calendar_token_create
from swg.services.invitations import invitations_add, rsvp_token
from swg.services.meetings import agenda_item_add
from swg.services.memberships import focal_point_appoint
from swg.services.minutes import minutes_approve, minutes_circulate, minutes_submit
from swg.services.schedule import schedule_unsubscribe_token
from swg.services.structure import subsector_add
from swg.services.tors import tor_draft_start
from tests.factories import (
    PASSWORD,
    ActionPointFactory,
    approved_minutes,
    build_health_meetings,
    build_world,
    draft_minutes,
    held_meeting,
    make_correspondence,
    make_document,
    make_indicator,
    make_meeting,
    make_project,
    make_report,
    make_tor,
    submitted_minutes,
    tor_text,
)
from tests.support.documents import pdf_bytes

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

# Its GET needs a token mailed to the user (tests/accounts/views/test_password_reset.py);
# its POST is in the POST table below.
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
    "swg:meeting_sign_in_sheet": (
        lambda o: reverse("swg:meeting_sign_in_sheet", args=[o["held"]]),
        HEALTH_MANAGE,
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
    "swg:meeting_agenda_print": (
        lambda o: reverse("swg:meeting_agenda_print", args=[o["meeting"]]),
        HEALTH_VIEW,
    ),
    # The searchable selects' JSON: for everyone signed in, each answer scoped.
    "swg:organization_search": (lambda o: reverse("swg:organization_search"), ANON_ONLY_LOGIN),
    "swg:contact_search": (lambda o: reverse("swg:contact_search"), ANON_ONLY_LOGIN),
    "swg:meeting_search": (lambda o: reverse("swg:meeting_search"), ANON_ONLY_LOGIN),
    "swg:document_search": (lambda o: reverse("swg:document_search"), ANON_ONLY_LOGIN),
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
    # Draft minutes: only who manages the meeting reads them (circulated ones in
    # tests/swg/views/test_pdfs.py).
    "swg:minutes_pdf": (
        lambda o: reverse("swg:minutes_pdf", args=[o["held"], o["minutes"]]),
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
        for step in ("submit", "correct")
    },
    # Approving and circulating first show who will receive what.
    "swg:minutes_approve": (
        lambda o: reverse("swg:minutes_approve", args=[o["held"], o["minutes"]]),
        CHAIR_ONLY,
    ),
    "swg:minutes_circulate": (
        lambda o: reverse("swg:minutes_circulate", args=[o["held"], o["minutes"]]),
        HEALTH_MANAGE,
    ),
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
    "swg:action_point_detail": (
        lambda o: reverse("swg:action_point_detail", args=[o["action_point"]]),
        HEALTH_VIEW,
    ),
    "swg:action_point_status": (
        lambda o: reverse("swg:action_point_status", args=[o["action_point"]]),
        POST_ONLY_LOGIN,
    ),
    "swg:membership_review": (
        lambda o: reverse("swg:membership_review", args=[o["slug"]]),
        HEALTH_MANAGE,
    ),
    "swg:membership_review_record": (
        lambda o: reverse("swg:membership_review_record", args=[o["slug"]]),
        POST_ONLY_LOGIN,
    ),
    # Health's TOR: version 1 endorsed, version 2 a draft (out of partners' reach).
    "swg:tor_list": (lambda o: reverse("swg:tor_list"), ANON_ONLY_LOGIN),
    "swg:tor_detail": (lambda o: reverse("swg:tor_detail", args=[o["slug"]]), HEALTH_VIEW),
    "swg:tor_compare": (lambda o: reverse("swg:tor_compare", args=[o["slug"]]), HEALTH_VIEW),
    "swg:tor_new": (lambda o: reverse("swg:tor_new", args=[o["slug"]]), POST_ONLY_LOGIN),
    "swg:tor_version": (
        lambda o: reverse("swg:tor_version", args=[o["slug"], o["tor_draft"]]),
        (302, 404, 404, 200, 200, 200, 200, 200),
    ),
    # The draft as PDF: for whoever may read the draft.
    "swg:tor_pdf": (
        lambda o: reverse("swg:tor_pdf", args=[o["slug"], o["tor_draft"]]),
        (302, 404, 404, 200, 200, 200, 200, 200),
    ),
    "swg:tor_edit": (
        lambda o: reverse("swg:tor_edit", args=[o["slug"], o["tor_draft"]]),
        (302, 404, 404, 200, 403, 200, 200, 200),
    ),
    **{
        f"swg:tor_{step}": (
            lambda o, step=step: reverse(f"swg:tor_{step}", args=[o["slug"], o["tor_draft"]]),
            POST_ONLY_LOGIN,
        )
        for step in ("review", "endorse")
    },
    "swg:schedule_preview": (lambda o: reverse("swg:schedule_preview"), MINISTRY_STAFF),
    "swg:schedule_subscriptions": (
        lambda o: reverse("swg:schedule_subscriptions"),
        ANON_ONLY_LOGIN,
    ),
    # The bell: everyone's own notifications; another person's is a 404.
    "swg:notification_list": (lambda o: reverse("swg:notification_list"), ANON_ONLY_LOGIN),
    "swg:notification_settings": (
        lambda o: reverse("swg:notification_settings"),
        ANON_ONLY_LOGIN,
    ),
    "swg:notification_read_all": (
        lambda o: reverse("swg:notification_read_all"),
        POST_ONLY_LOGIN,
    ),
    "swg:notification_open": (
        lambda o: reverse("swg:notification_open", args=[o["notification"]]),
        (302, 302, 404, 404, 404, 404, 404, 404),
    ),
    # The email's link: no login, a confirm button.
    "swg:schedule_unsubscribe": (
        lambda o: reverse("swg:schedule_unsubscribe", args=[o["unsubscribe_token"]]),
        EVERYONE,
    ),
}


# ---------------------------------------------------------------- archive and register
# The document is Health's, for its members: WHO's partner reads it, the EU
# Delegation's does not find it (404); ministry staff read every group's
# members' documents. The register is for ministry staff and the coordination
# team: a partner is refused the list (403) and does not find an entry (404).
CORRESPONDENCE_ENTRY = (302, 404, 404, 200, 200, 200, 200, 200)

TABLE.update(
    {
        "swg:document_list": (lambda o: reverse("swg:document_list"), ANON_ONLY_LOGIN),
        "swg:document_upload": (lambda o: reverse("swg:document_upload"), MINISTRY_STAFF),
        "swg:document_detail": (
            lambda o: reverse("swg:document_detail", args=[o["document"]]),
            HEALTH_VIEW,
        ),
        "swg:document_edit": (
            lambda o: reverse("swg:document_edit", args=[o["document"]]),
            HEALTH_MANAGE,
        ),
        "swg:document_version_add": (
            lambda o: reverse("swg:document_version_add", args=[o["document"]]),
            HEALTH_MANAGE,
        ),
        "swg:document_download": (
            lambda o: reverse("swg:document_download", args=[o["document"], o["version"]]),
            HEALTH_VIEW,
        ),
        "swg:correspondence_list": (
            lambda o: reverse("swg:correspondence_list"),
            MINISTRY_STAFF,
        ),
        "swg:correspondence_export": (
            lambda o: reverse("swg:correspondence_export"),
            MINISTRY_STAFF,
        ),
        "swg:correspondence_create": (
            lambda o: reverse("swg:correspondence_create"),
            MINISTRY_STAFF,
        ),
        "swg:correspondence_detail": (
            lambda o: reverse("swg:correspondence_detail", args=[o["correspondence"]]),
            CORRESPONDENCE_ENTRY,
        ),
        "swg:correspondence_edit": (
            lambda o: reverse("swg:correspondence_edit", args=[o["correspondence"]]),
            CORRESPONDENCE_ENTRY,
        ),
    }
)


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
PROJECT_JOB = (302, 200, 404, 404, 404, 404, 404, 404)  # partner_a's project import
UPDATE_BOARD = (302, 403, 403, 200, 200, 200, 200, 200)


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
        # The searchable select's JSON: each answer scoped to the visible projects.
        "projects_db:project_search": (
            lambda o: reverse("projects_db:project_search"),
            ANON_ONLY_LOGIN,
        ),
        "projects_db:project_import": (
            lambda o: reverse("projects_db:project_import"),
            PROJECT_CREATE,
        ),
        "projects_db:project_import_template": (
            lambda o: reverse("projects_db:project_import_template"),
            PROJECT_CREATE,
        ),
        "projects_db:project_import_status": (
            lambda o: reverse("projects_db:project_import_status", args=[o["project_job"]]),
            PROJECT_JOB,
        ),
        "projects_db:project_import_errors": (
            lambda o: reverse("projects_db:project_import_errors", args=[o["project_job"]]),
            PROJECT_JOB,
        ),
        "projects_db:project_import_confirm": (
            lambda o: reverse(
                "projects_db:project_import_confirm", args=[o["project_job_checked"]]
            ),
            POST_ONLY_LOGIN,
        ),
        "projects_db:project_import_retry": (
            lambda o: reverse("projects_db:project_import_retry", args=[o["project_job_stuck"]]),
            POST_ONLY_LOGIN,
        ),
        "projects_db:project_export": (
            lambda o: reverse("projects_db:project_export", args=["xml"]),
            ANON_ONLY_LOGIN,
        ),
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
        # Quarterly updates: WHO reports on its published project; Health's
        # secretariat reviews; the board is for the ministry staff and the
        # coordination team.
        "projects_db:update_list": (
            lambda o: reverse("projects_db:update_list"),
            ANON_ONLY_LOGIN,
        ),
        "projects_db:update_edit": (
            lambda o: reverse(
                "projects_db:update_edit", args=[o["project_published"], *o["open_quarter"]]
            ),
            PUBLISHED_CHANGE,
        ),
        "projects_db:update_no_change": (
            lambda o: reverse(
                "projects_db:update_no_change", args=[o["project_published"], *o["open_quarter"]]
            ),
            POST_ONLY_LOGIN,
        ),
        "projects_db:update_detail": (
            lambda o: reverse("projects_db:update_detail", args=[o["update_submitted"]]),
            DRAFT_VIEW,
        ),
        "projects_db:update_accept": (
            lambda o: reverse("projects_db:update_accept", args=[o["update_submitted"]]),
            POST_ONLY_LOGIN,
        ),
        "projects_db:update_return": (
            lambda o: reverse("projects_db:update_return", args=[o["update_submitted"]]),
            POST_ONLY_LOGIN,
        ),
        "projects_db:submission_board": (
            lambda o: reverse("projects_db:submission_board"),
            UPDATE_BOARD,
        ),
        "projects_db:submission_board_export": (
            lambda o: reverse("projects_db:submission_board_export", args=["xlsx"]),
            UPDATE_BOARD,
        ),
    }
)

# ---------------------------------------------------------------- dashboards
# Health's dashboard: the coordination team and Health's secretariat and chair;
# Education's secretariat is refused Health (404), partners have none (403).
HEALTH_DASHBOARD = (302, 403, 403, 200, 404, 200, 200, 200)


def _dashboard(name):
    return lambda o: reverse(f"dashboards:{name}") + "?swg=health"


TABLE.update(
    {
        "dashboards:dashboard": (_dashboard("dashboard"), HEALTH_DASHBOARD),
        "dashboards:dashboard_export": (
            lambda o: reverse("dashboards:dashboard_export", args=["meetings"]) + "?swg=health",
            HEALTH_DASHBOARD,
        ),
        "dashboards:overview": (_dashboard("overview"), HEALTH_DASHBOARD),
        "dashboards:overview_pdf": (_dashboard("overview_pdf"), HEALTH_DASHBOARD),
        # The guides are for every signed-in user, each role's readable by all.
        "dashboards:help": (lambda o: reverse("dashboards:help"), ANON_ONLY_LOGIN),
        "dashboards:help_role": (
            lambda o: reverse("dashboards:help_role", args=["chair"]),
            ANON_ONLY_LOGIN,
        ),
    }
)


# ---------------------------------------------------------------- results framework
# Health's framework: read by whoever sees Health (the EU Delegation's partner
# does not: 404); kept by Health's secretariat and the coordination team (the
# chair and another group's secretariat see it but may not: 403). The national
# priorities are kept by the coordination team.
RESULTS_MANAGE = (302, 403, 404, 200, 403, 403, 200, 200)
PRIORITY_MANAGE = (302, 403, 403, 403, 403, 403, 200, 200)

TABLE.update(
    {
        "projects_db:results_index": (
            lambda o: reverse("projects_db:results_index"),
            ANON_ONLY_LOGIN,
        ),
        "projects_db:priority_create": (
            lambda o: reverse("projects_db:priority_create"),
            PRIORITY_MANAGE,
        ),
        "projects_db:priority_edit": (
            lambda o: reverse("projects_db:priority_edit", args=[o["priority"]]),
            PRIORITY_MANAGE,
        ),
        "projects_db:results_framework": (
            lambda o: reverse("projects_db:results_framework", args=[o["slug"]]),
            HEALTH_VIEW,
        ),
        "projects_db:goal_create": (
            lambda o: reverse("projects_db:goal_create", args=[o["slug"]]),
            RESULTS_MANAGE,
        ),
        "projects_db:goal_edit": (
            lambda o: reverse("projects_db:goal_edit", args=[o["goal"]]),
            RESULTS_MANAGE,
        ),
        "projects_db:objective_create": (
            lambda o: reverse("projects_db:objective_create", args=[o["goal"]]),
            RESULTS_MANAGE,
        ),
        "projects_db:objective_edit": (
            lambda o: reverse("projects_db:objective_edit", args=[o["objective"]]),
            RESULTS_MANAGE,
        ),
        "projects_db:indicator_create": (
            lambda o: reverse("projects_db:indicator_create", args=[o["slug"]]),
            RESULTS_MANAGE,
        ),
        "projects_db:indicator_detail": (
            lambda o: reverse("projects_db:indicator_detail", args=[o["indicator"]]),
            HEALTH_VIEW,
        ),
        "projects_db:indicator_edit": (
            lambda o: reverse("projects_db:indicator_edit", args=[o["indicator"]]),
            RESULTS_MANAGE,
        ),
        "projects_db:target_add": (
            lambda o: reverse("projects_db:target_add", args=[o["indicator"]]),
            RESULTS_MANAGE,
        ),
        "projects_db:target_edit": (
            lambda o: reverse("projects_db:target_edit", args=[o["indicator"], o["target"]]),
            RESULTS_MANAGE,
        ),
        "projects_db:measurement_add": (
            lambda o: reverse("projects_db:measurement_add", args=[o["indicator"]]),
            RESULTS_MANAGE,
        ),
        "projects_db:measurement_edit": (
            lambda o: reverse(
                "projects_db:measurement_edit", args=[o["indicator"], o["measurement"]]
            ),
            RESULTS_MANAGE,
        ),
    }
)


def _results_objects(world) -> dict:
    from decimal import Decimal

    from projects_db.models import NationalPriority
    from projects_db.services.results import measurement_record, target_set

    indicator = make_indicator(world)
    by = world.secretariat_x
    target = target_set(indicator=indicator, year=2026, quarter=0, value=Decimal(60), by=by)
    measurement = measurement_record(
        indicator=indicator, year=2026, quarter=1, value=Decimal(44), by=by
    )
    return {
        "priority": NationalPriority.objects.get(code="NP-05").pk,
        "goal": indicator.objective.goal_id,
        "objective": indicator.objective_id,
        "indicator": indicator.pk,
        "target": target.pk,
        "measurement": measurement.pk,
    }


def _project_objects(world) -> dict:
    from projects_db.models import DuplicatePair, QuarterlyUpdate

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
    jobs = {
        name: ImportJob.objects.create(
            kind="projects", original_name="projects.csv", created_by=world.partner_a, **fields
        ).pk
        for name, fields in {
            "project_job": {
                "status": ImportJob.Status.INVALID,
                "errors": [{"row": 2, "column": "Status", "message": "Not a status."}],
            },
            "project_job_checked": {"status": ImportJob.Status.CHECKED},
            "project_job_stuck": {"status": ImportJob.Status.FAILED, "interrupted": True},
        }.items()
    }
    # The quarter partners report on now has no update yet; the one before has
    # a submitted update waiting for review.
    open_quarter = reporting_quarter(timezone.localdate())
    year, quarter = open_quarter
    earlier = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    submitted = update_no_change(
        project=published, year=earlier[0], quarter=earlier[1], by=world.partner_a
    )
    return {
        **jobs,
        "project_draft": draft.pk,
        "project_published": published.pk,
        "pair": pair.pk,
        "update": update.pk,
        "open_quarter": open_quarter,
        "update_submitted": submitted.pk,
    }


def _archive_objects(world) -> dict:
    document = make_document(world)
    entry = make_correspondence(world)
    return {
        "document": document.pk,
        "version": document.versions.get().pk,
        "correspondence": entry.pk,
    }


# ---------------------------------------------------------------- progress reports
# Health's report for 2026Q3 with an English PDF: its secretariat and chair, the
# coordination team and administrators read it; everyone else gets a 404
# (reports/permissions.py). The secretariat writes, the chair approves.
REPORT_VIEW = (302, 404, 404, 200, 404, 200, 200, 200)
REPORT_DRAFT = (302, 404, 404, 200, 404, 200, 403, 200)


def _report_url(name, *keys):
    return lambda o: reverse(name, args=[o[k] for k in keys])


TABLE.update(
    {
        "reports:index": (lambda o: reverse("reports:index"), ANON_ONLY_LOGIN),
        "reports:swg_reports": (_report_url("reports:swg_reports", "slug"), REPORT_VIEW),
        "reports:open": (_report_url("reports:open", "slug"), POST_ONLY_LOGIN),
        "reports:detail": (
            _report_url("reports:detail", "slug", "report_period"),
            REPORT_VIEW,
        ),
        "reports:narrative": (
            _report_url("reports:narrative", "slug", "report_period"),
            REPORT_DRAFT,
        ),
        "reports:generate": (
            _report_url("reports:generate", "slug", "report_period"),
            POST_ONLY_LOGIN,
        ),
        "reports:report_status": (
            _report_url("reports:report_status", "slug", "report_period", "report_pdf"),
            REPORT_VIEW,
        ),
        "reports:report_download": (
            _report_url("reports:report_download", "slug", "report_period", "report_pdf"),
            REPORT_VIEW,
        ),
        "reports:approve": (
            _report_url("reports:approve", "slug", "report_period"),
            POST_ONLY_LOGIN,
        ),
    }
)


def _report_objects(world) -> dict:
    from coordination.periods import Period
    from reports.models import ReportGeneration

    report = make_report(world, period=Period.parse("2026Q3"))
    generation = ReportGeneration.objects.create(
        report=report, language="en", status=ReportGeneration.Status.DONE, progress=100
    )
    return {"report_period": "2026Q3", "report_pdf": generation.pk}


def _url_names(resolver=None, prefix=""):
    yield from (name for name, _callback in _routes(resolver, prefix))


def _routes(resolver=None, prefix=""):
    """(URL name, view) for every named route of the URL configuration."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _routes(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name, pattern.callback


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """Built once for the module's requests; rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_reference_data()  # an earlier transactional test may have flushed them
        # Hashed as each test checks passwords (conftest.py: one fast hasher).
        with override_settings(PASSWORD_HASHERS=[MD5_HASHER]):
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
        action_point = ActionPointFactory(
            swg=world.swg_x,
            source_meeting=held,
            description="Map the clinics",
            owner_organization=world.org_a,
            due_in_days=0,
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
            "world": world,
        }
        objects.update(_post_objects(world, meeting))
        objects.update(_tor_objects(world))
        objects.update(_notification_objects(world))
        objects.update(_project_objects(world))
        objects.update(_archive_objects(world))
        objects.update(_report_objects(world))
        objects.update(_results_objects(world))
        yield world, objects
        transaction.set_rollback(True)


def _post_objects(world, meeting) -> dict:
    """What the POSTs act on, each in the state its action starts from."""
    agenda_item_add(meeting=meeting, title_en="Budget")  # a second item, to move one down
    # Started two days ago, attendance taken: ready to be marked held.
    past = make_meeting(world, days_ago=2, invite=(world.contact_a, world.contact_gov))
    attendance_record(
        meeting=past, entries=[(world.contact_a, "present"), (world.contact_gov, "present")]
    )
    held_bare = held_meeting(world, days_ago=14)  # held, no minutes yet
    draft = draft_minutes(world, days_ago=21)
    draft_point = action_point_add(
        minutes=draft,
        minutes_item=draft.items.get(),
        description_en="Draft-only action",
        owner_organization=world.org_a,
        due_date=timezone.localdate(),
    )
    submitted = submitted_minutes(world, days_ago=28)
    approved = approved_minutes(world, days_ago=35)
    # A circulated action point: what the agenda offers as a follow-up.
    earlier = draft_minutes(world, days_ago=42)
    follow_up = action_point_add(
        minutes=earlier,
        minutes_item=earlier.items.get(),
        description_en="Share the vaccination figures",
        owner_organization=world.org_a,
        due_date=timezone.localdate() + dt.timedelta(days=14),
    )
    earlier = minutes_submit(minutes=earlier)
    earlier = minutes_approve(minutes=earlier, by=world.chair)
    minutes_circulate(minutes=earlier)
    stuck_job = ImportJob.objects.create(
        original_name="stuck.csv",
        created_by=world.secretariat_x,
        status=ImportJob.Status.FAILED,
        interrupted=True,
    )
    failed = OutboxMessage.objects.create(
        purpose="minutes.circulate",
        object_key=f"minutes:{approved.pk}",
        recipient_email="amina@who.example",
        swg=world.swg_x,
        subject="Minutes",
        body_text="Minutes",
        status=OutboxMessage.Status.FAILED,
        last_error="550 mailbox unavailable",
    )
    subsector = subsector_add(
        swg=world.swg_x, name_en="Primary care", name_ar="", effective_on=timezone.localdate()
    )
    others = SWG.objects.filter(is_active=True).exclude(pk__in=[world.swg_x.pk, world.swg_y.pk])
    return {
        "agenda_item_2": meeting.agenda_items.get(title_en="Budget").pk,
        "past": past.pk,
        "held_bare": held_bare.pk,
        "draft": draft.pk,
        "draft_meeting": draft.meeting_id,
        "draft_item": draft.items.get().pk,
        "draft_point": draft_point.pk,
        "submitted": submitted.pk,
        "submitted_meeting": submitted.meeting_id,
        "approved": approved.pk,
        "approved_meeting": approved.meeting_id,
        "follow_up": follow_up.pk,
        "stuck_job": stuck_job.pk,
        "failed_message": failed.pk,
        "subsector": subsector.pk,
        "swg_y": world.swg_y.pk,
        "swg_other": others.first().pk,
    }


def _tor_objects(world) -> dict:
    make_tor(world, status="endorsed")
    draft = tor_draft_start(swg=world.swg_x, by=world.secretariat_x)
    return {
        "tor_draft": draft.number,
        "unsubscribe_token": schedule_unsubscribe_token("amina@who.example"),
    }


def _notification_objects(world) -> dict:
    notification = Notification.objects.create(
        recipient=world.partner_a, kind="minutes.approved", object_key="m", url="/swg/"
    )
    return {"notification": notification.pk}


def _tor_without_open_version(client, o):
    """Health's draft is out of the way, so a new one may start."""
    TorVersion.objects.filter(swg__slug=o["slug"], number=o["tor_draft"]).delete()


def _tor_reviewed(client, o):
    TorVersion.objects.filter(swg__slug=o["slug"], number=o["tor_draft"]).update(
        status=TorVersion.Status.REVIEWED
    )


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
    from swg.models import DocumentVersion

    DocumentVersion.objects.get(pk=objects["version"]).file.save(
        "assessment.pdf", ContentFile(MATRIX_PDF)
    )
    project_job = ImportJob.objects.get(pk=objects["project_job"])
    project_job.rejected_file.save("rejected-rows.csv", ContentFile(b"row,Status,errors\n"))
    from reports.models import ReportGeneration

    ReportGeneration.objects.get(pk=objects["report_pdf"]).file.save(
        "report.pdf", ContentFile(MATRIX_PDF)
    )
    return objects


def _sign_in(client, matrix, role):
    if role != "anonymous":
        client.force_login(matrix[0].users()[role])


def test_it_has_a_row_for_every_url_name():
    names = {n for n in _url_names() if not n.startswith("admin:")} - EXCLUDED
    assert names == set(TABLE)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(TABLE))
def test_it_answers_the_expected_status(client, matrix, objects, url_name, role):
    build_url, expected = TABLE[url_name]
    _sign_in(client, matrix, role)
    response = client.get(build_url(objects))
    want = expected[ROLES.index(role)]
    assert response.status_code == want, f"{url_name} as {role}"
    if role == "anonymous" and want == 302:
        assert response["Location"].startswith(reverse("login"))


# ---------------------------------------------------------------- state-changing POSTs
# Every route whose view takes a POST has a row (or one per action, for a page
# with several forms), found from the URL configuration: a new POST route
# without a row fails test_it_has_a_post_row_for_every_route_that_takes_a_post.
# Each POST carries data that would succeed, and runs inside a transaction that
# is rolled back, so every role starts from the same state. The answers:
# anonymous → the login page, out of reach → 404, visible but forbidden → 403,
# allowed → done, shown by the redirect to the row's success page (``then``)
# with no error message on the way.

LOGIN = "login"  # redirected to the login page, with the page asked for as ``next``
OK = "done"  # the row's success answer (a redirect to ``then`` unless it says otherwise)

MANAGE = (LOGIN, 403, 404, OK, 403, OK, OK, OK)  # Health's secretariat and chair
CHAIR = (LOGIN, 403, 404, 403, 403, OK, 403, OK)
RESTRUCTURE_POST = (LOGIN, 403, 404, 403, 403, 403, OK, OK)
MINISTRY_AND_COORDINATION = (LOGIN, 403, 403, OK, OK, OK, OK, OK)
WHO_CHANGE = (LOGIN, OK, 403, OK, OK, OK, OK, OK)  # WHO (org_a) and its people
SIGNED_IN = (LOGIN, OK, OK, OK, OK, OK, OK, OK)
ANYONE = (OK,) * 8
UPLOADER_ONLY = (LOGIN, 404, 404, OK, 404, 404, 404, 404)  # secretariat_x's import
PARTNER_A_ONLY = (LOGIN, OK, 404, 404, 404, 404, 404, 404)  # partner_a's calendar address
DRAFT_CONTENT = (LOGIN, 404, 404, OK, 404, OK, OK, OK)  # a draft's action point
# A partner creates projects of their own organization in any group; a
# secretariat only in its own groups: Health is not among secretariat_y's
# choices, so the form comes back with the error (200).
PROJECT_CREATE_POST = (LOGIN, OK, OK, OK, 200, 403, OK, OK)
API_CREATE = (401, OK, 403, OK, 403, 403, OK, OK)
# Health's secretariat reviews WHO's update; WHO sees it but may not (403).
UPDATE_REVIEW = (LOGIN, 403, 404, OK, 404, 403, OK, OK)


# Health's secretariat and the coordination team keep Health's framework; the
# coordination team the national priorities.
RESULTS_KEEP = (LOGIN, 403, 404, OK, 403, 403, OK, OK)
RESULTS_PRIORITY = (LOGIN, 403, 403, 403, 403, 403, OK, OK)


def _priority_form(**overrides):
    return {
        "name_en": "Health",
        "name_ar": "الصحة",
        "description_en": "",
        "description_ar": "",
        "required_funding_usd": "",
        "order": 5,
        "is_active": "on",
        **overrides,
    }


def _indicator_form(o, **overrides):
    return {
        "objective": o["objective"],
        "name_en": "Clinics open in the south",
        "name_ar": "",
        "unit": "clinics",
        "baseline_value": "40",
        "baseline_date": "",
        "national_priority": "",
        "projects": [o["project_published"]],
        **overrides,
    }


def _update_form(o):
    return {
        "narrative": "Two more clinics opened.",
        "new_status": "",
        "new_status_reason": "",
        "disbursed_to_date": "",
        "issues": "",
        "indicators-TOTAL_FORMS": 0,
        "indicators-INITIAL_FORMS": 0,
        "submit": "1",
    }


@dataclass(frozen=True)
class Post:
    url: Callable[[dict], str]
    answers: tuple
    # The success page: a URL built from the objects, or the name of the URL of
    # something the POST created (its primary key is not known in advance).
    then: Callable[[dict], str] | str
    data: Callable[[dict], dict] = lambda o: {}
    status: int = 302  # what "done" answers
    json: bool = False
    # Run after signing in and before the POST (a session the route relies on).
    before: Callable | None = None


def _to(name, *keys):
    """The URL of ``name`` with the objects' values of ``keys`` as arguments."""
    return lambda o: reverse(name, args=[o[k] if k in o else k for k in keys])


TODAY = timezone.localdate().isoformat()
MATRIX_PDF = pdf_bytes("Health sector assessment")
MD5_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
NEW_PASSWORD = "a-new-long-passphrase-2025"


def _meeting_form(**overrides):
    return {
        "title_en": "Health SWG monthly meeting",
        "title_ar": "",
        "kind": "swg",
        "is_formal": "on",
        "starts_at": "2030-03-10T10:00",
        "ends_at": "2030-03-10T12:00",
        "city": "tripoli",
        "city_other": "",
        "venue_en": "Ministry of Planning",
        "online_url": "",
        **overrides,
    }


def _contact_form(o, **overrides):
    return {
        "name_en": "Salma Ali",
        "name_ar": "سلمى علي",
        "title": "",
        "organization": o["world"].org_a.pk,
        "email": "salma@who.example",
        "mobile": "",
        "landline": "",
        "gender": "f",
        "languages": "",
        "preferred_language": "en",
        "is_active": "on",
        **overrides,
    }


def _organization_form(**overrides):
    return {
        "name_en": "UN Children's Fund",
        "name_ar": "",
        "acronym": "UNICEF",
        "org_type": "un",
        "parent": "",
        "website": "",
        "is_active": "on",
        **overrides,
    }


def _action_point_form(o, **overrides):
    return {
        "description_en": "Map the clinics by district",
        "owner_organization": o["world"].org_a.pk,
        "owner_contact": "",
        "due_date": TODAY,
        **overrides,
    }


def _project_form(o, **overrides):
    world = o["world"]
    return {
        "title_en": "Mobile clinics",
        "title_ar": "العيادات المتنقلة",
        "owner": world.org_a.pk,
        "swg": world.swg_x.pk,
        "status": 2,
        "planned_start": "2025-01-01",
        "planned_end": "2025-12-31",
        "currency": "USD",
        "districts": [District.objects.get(code="LY-SB").pk],
        "participants-TOTAL_FORMS": 2,
        "participants-INITIAL_FORMS": 0,
        "participants-0-organization": world.org_a.pk,
        "participants-0-role": 4,
        "participants-1-organization": world.org_a.pk,
        "participants-1-role": 1,
        "budgets-TOTAL_FORMS": 1,
        "budgets-INITIAL_FORMS": 0,
        "budgets-0-period_start": "2025-01-01",
        "budgets-0-period_end": "2025-12-31",
        "budgets-0-value": "5000",
        "budgets-0-currency": "EUR",
        "budgets-0-status": 1,
        "transactions-TOTAL_FORMS": 0,
        "transactions-INITIAL_FORMS": 0,
        **overrides,
    }


def _as_posted(instance, fields, prefix="") -> dict:
    """The fields of a stored row as its form posts them back."""
    data = {}
    for name in fields:
        if instance._meta.get_field(name).many_to_many:
            value = [related.pk for related in getattr(instance, name).all()]
        else:
            value = instance.serializable_value(name)
        if isinstance(value, bool):
            value = "on" if value else ""
        data[prefix + name] = "" if value is None else value
    return data


def _project_edit_form(o):
    """The edit page's form as it comes back with a new title: every row kept."""
    project = Project.objects.get(pk=o["project_published"])
    data = _as_posted(project, FORM_FIELDS)
    for prefix, formset in FORMSETS.items():
        rows = list(getattr(project, prefix).order_by("pk"))
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for index, row in enumerate(rows):
            fields = ["id", *formset.form._meta.fields]
            data.update(_as_posted(row, fields, prefix=f"{prefix}-{index}-"))
    return {**data, "title_en": "Mobile clinics for nomads in the south"}


def _api_project(o):
    world = o["world"]
    return {
        "title_en": "Mobile clinics",
        "title_ar": "العيادات المتنقلة",
        "owner": world.org_a.pk,
        "swg": world.swg_x.slug,
        "status": 2,
        "planned_start": "2025-01-01",
        "planned_end": "2025-12-31",
        "currency": "USD",
        "districts": ["LY-SB"],
        "participants": [{"organization": world.org_a.pk, "role": 4}],
        "budgets": [
            {
                "period_start": "2025-01-01",
                "period_end": "2025-12-31",
                "value": "1000.00",
                "currency": "USD",
            }
        ],
    }


def _reset_session(client, o):
    """The reset link was opened: Django keeps its token in the session and
    shows the form at the ``set-password`` address (PasswordResetConfirmView)."""
    user = User.objects.get(pk=o["world"].partner_b.pk)  # as stored, last login included
    session = client.session
    session[INTERNAL_RESET_SESSION_TOKEN] = default_token_generator.make_token(user)
    session.save()


def _csv_upload(o):
    return {
        "file": SimpleUploadedFile("contacts.csv", b"email,organization\nnew@who.example,WHO\n")
    }


def _document_form(**overrides):
    return {
        "title": "Health sector assessment 2026",
        "description": "",
        "category": "report",
        "document_date": TODAY,
        "language": "en",
        "visibility": "members",
        "meeting": "",
        **overrides,
    }


def _pdf_upload(name="assessment.pdf"):
    return SimpleUploadedFile(name, pdf_bytes("Health sector assessment"))


def _correspondence_form(o, **overrides):
    return {
        "reference": "OUT-2026-777",
        "date": TODAY,
        "direction": "out",
        "kind": "note_verbale",
        "channel": "mfa",
        "from_organization": o["world"].ministry.pk,
        "to_organization": o["world"].org_a.pk,
        "subject_en": "Request for the list of clinics",
        "subject_ar": "",
        "swg": "",
        "follow_up_due": "",
        "follow_up_status": "none",
        "notes": "",
        **overrides,
    }


def _restructure(kind, data, then=None):
    return Post(
        _to("swg:restructure", "slug", kind),
        RESTRUCTURE_POST,
        then=then or _to("swg:detail", "slug"),
        data=lambda o: {"effective_on": TODAY, "note": "", **data(o)},
    )


def _row(answers, name, *keys, then, **rest):
    """A POST to ``name`` with the objects' ``keys``; ``then`` is the success
    page as ``(url name, *keys)``, or the name of the page of what it created."""
    if isinstance(then, tuple):
        then = _to(*then)
    return Post(_to(name, *keys), answers, then=then, **rest)


def _member(name, *keys, **rest):
    """Health's membership, answered on the group's page."""
    return _row(MANAGE, name, "slug", *keys, then=("swg:detail", "slug"), **rest)


def _meeting(name, key="meeting", *keys, then=("swg:meeting_detail", "meeting"), **rest):
    """A Health meeting's POST, for its secretariat and chair."""
    return _row(MANAGE, name, key, *keys, then=then, **rest)


def _agenda(name, *keys, **rest):
    return _meeting(name, "meeting", *keys, then=("swg:meeting_agenda", "meeting"), **rest)


def _invitations(name, *keys, **rest):
    return _meeting(name, "meeting", *keys, then=("swg:meeting_invitations", "meeting"), **rest)


def _attendance(name, **rest):
    return _meeting(name, "past", then=("swg:attendance_sheet", "past"), **rest)


def _minutes(name, stage, answers=MANAGE, then=None, **rest):
    """The minutes at ``stage`` (draft, submitted, approved) and their meeting;
    done shows the minutes unless ``then`` says otherwise."""
    keys = (f"{stage}_meeting", stage)
    return _row(answers, name, *keys, then=then or ("swg:minutes_detail", *keys), **rest)


def _results(name, *keys, then=("projects_db:indicator_detail", "indicator"), **rest):
    """The results framework: kept by Health's secretariat and the coordination team."""
    return _row(RESULTS_KEEP, name, *keys, then=then, **rest)


def _framework(name, key, text_en, order):
    """A goal or an objective, answered on Health's results framework."""
    return _results(
        name,
        key,
        then=("projects_db:results_framework", "slug"),
        data=lambda o: {"text_en": text_en, "text_ar": "", "order": order},
    )


def _report(name, answers, **rest):
    """Health's progress report for the period, answered on the report's page."""
    keys = ("slug", "report_period")
    return _row(answers, name, *keys, then=("reports:detail", *keys), **rest)


POSTS = {
    # ------------------------------------------------------------ accounts
    "login": Post(
        lambda o: reverse("login"),
        ANYONE,
        then=lambda o: reverse("home"),
        data=lambda o: {"username": "partner.a@example.org", "password": PASSWORD},
    ),
    "logout": Post(lambda o: reverse("logout"), ANYONE, then=lambda o: reverse("login")),
    "password_change": Post(
        lambda o: reverse("password_change"),
        SIGNED_IN,
        then=lambda o: reverse("password_change_done"),
        data=lambda o: {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    ),
    "password_reset": Post(
        lambda o: reverse("password_reset"),
        ANYONE,
        then=lambda o: reverse("password_reset_done"),
        data=lambda o: {"email": "partner.b@example.org"},
    ),
    "password_reset_confirm": Post(
        lambda o: reverse(
            "password_reset_confirm",
            args=[urlsafe_base64_encode(force_bytes(o["world"].partner_b.pk)), "set-password"],
        ),
        ANYONE,
        then=lambda o: reverse("password_reset_complete"),
        data=lambda o: {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        before=_reset_session,
    ),
    "language_set": Post(
        lambda o: reverse("language_set"),
        ANYONE,
        then=lambda o: reverse("swg:list"),
        data=lambda o: {"language": "ar", "next": reverse("swg:list")},
    ),
    # ------------------------------------------------------------ groups and members
    "swg:membership_add": _member(
        "swg:membership_add",
        data=lambda o: {
            "organization": o["world"].org_b.pk,
            "contact": o["world"].contact_b.pk,
            "role": "member",
            "task": "Reports EU health funding",
            "start_date": TODAY,
        },
    ),
    "swg:membership_edit": _member(
        "swg:membership_edit",
        "membership",
        data=lambda o: {"role": "technical_lead", "task": "Primary health care"},
    ),
    "swg:membership_end": _member(
        "swg:membership_end",
        "membership",
        data=lambda o: {"end_date": TODAY, "reason": "Left the group"},
    ),
    "swg:restructure · rename": _restructure(
        "rename", lambda o: {"name_en": "Health and Nutrition", "name_ar": ""}
    ),
    "swg:restructure · subsector-add": _restructure(
        "subsector-add", lambda o: {"name_en": "Nutrition", "name_ar": ""}
    ),
    "swg:restructure · subsector-move": _restructure(
        "subsector-move", lambda o: {"subsector": o["subsector"], "to_swg": o["swg_y"]}
    ),
    "swg:restructure · merge": _restructure("merge", lambda o: {"sources": [o["swg_other"]]}),
    # The split's success page is the new group's.
    "swg:restructure · split": _restructure(
        "split",
        lambda o: {"name_en": "Primary care", "name_ar": "", "subsectors": [o["subsector"]]},
        then="swg:detail",
    ),
    "swg:restructure · retire": _restructure("retire", lambda o: {"replaced_by": [o["swg_y"]]}),
    "swg:membership_review_record": Post(
        _to("swg:membership_review_record", "slug"),
        CHAIR,
        then=_to("swg:membership_review", "slug"),
        data=lambda o: {f"m{o['membership']}-decision": "warn", f"m{o['membership']}-note": ""},
    ),
    # ------------------------------------------------------------ directory
    "swg:organization_create": Post(
        lambda o: reverse("swg:organization_create"),
        MINISTRY_AND_COORDINATION,
        then="swg:organization_detail",
        data=lambda o: _organization_form(),
    ),
    "swg:organization_edit": Post(
        _to("swg:organization_edit", "org"),
        WHO_CHANGE,
        then=_to("swg:organization_detail", "org"),
        data=lambda o: _organization_form(
            name_en="World Health Organization", acronym="WHO", website="https://www.who.int"
        ),
    ),
    "swg:focal_point_add": Post(
        _to("swg:focal_point_add", "org"),
        WHO_CHANGE,
        then=_to("swg:organization_detail", "org"),
        data=lambda o: {
            "contact": o["contact"],
            "purpose": "dialogue",
            "swg": "",
            "purpose_detail": "Rabat Process",
            "appointed_on": TODAY,
        },
    ),
    "swg:focal_point_end": Post(
        _to("swg:focal_point_end", "org", "focal_point"),
        WHO_CHANGE,
        then=_to("swg:organization_detail", "org"),
        data=lambda o: {"end_date": TODAY},
    ),
    # A partner adds people of their own organization only (the field is fixed).
    "swg:contact_create": Post(
        lambda o: reverse("swg:contact_create"),
        SIGNED_IN,
        then="swg:contact_detail",
        data=_contact_form,
    ),
    "swg:contact_edit": Post(
        _to("swg:contact_edit", "contact"),
        (LOGIN, OK, 404, OK, OK, OK, OK, OK),
        then=_to("swg:contact_detail", "contact"),
        data=lambda o: _contact_form(o, name_en="Amina Haddad", email="amina@who.example"),
    ),
    "swg:contact_import": Post(
        lambda o: reverse("swg:contact_import"),
        MINISTRY_AND_COORDINATION,
        then="swg:contact_import_status",
        data=_csv_upload,
    ),
    "swg:contact_import_retry": Post(
        _to("swg:contact_import_retry", "stuck_job"),
        UPLOADER_ONLY,
        then=_to("swg:contact_import_status", "stuck_job"),
    ),
    "outbox": Post(
        lambda o: reverse("outbox"),
        (LOGIN, 403, 403, OK, 404, OK, OK, OK),  # secretariat_y: another group's message
        then=lambda o: reverse("outbox"),
        data=lambda o: {"retry": o["failed_message"]},
    ),
    # ------------------------------------------------------------ meetings
    "swg:meeting_plan": _meeting(
        "swg:meeting_plan", "slug", then="swg:meeting_detail", data=lambda o: _meeting_form()
    ),
    "swg:meeting_edit": _meeting(
        "swg:meeting_edit", data=lambda o: _meeting_form(title_en="Health SWG: vaccination")
    ),
    "swg:meeting_cancel": _meeting(
        "swg:meeting_cancel", data=lambda o: {"reason": "The ministry is closed that day."}
    ),
    # The postponement's success page is the new meeting's.
    "swg:meeting_postpone": _meeting(
        "swg:meeting_postpone",
        then="swg:meeting_detail",
        data=lambda o: {
            "starts_at": "2030-04-07T10:00",
            "ends_at": "2030-04-07T12:00",
            "reason": "",
        },
    ),
    "swg:meeting_agenda · item": _agenda(
        "swg:meeting_agenda",
        data=lambda o: {
            "form": "item",
            "title_en": "Cold chain",
            "title_ar": "",
            "presenter": "",
            "document_url": "",
        },
    ),
    "swg:meeting_agenda · follow_up": _agenda(
        "swg:meeting_agenda",
        data=lambda o: {"form": "follow_up", "action_points": [o["follow_up"]]},
    ),
    "swg:agenda_item_edit": _agenda(
        "swg:agenda_item_edit",
        "agenda_item",
        data=lambda o: {
            "form": "item",
            "title_en": "Welcome and introductions",
            "title_ar": "",
            "presenter": "",
            "document_url": "",
        },
    ),
    "swg:agenda_item_move": _agenda(
        "swg:agenda_item_move", "agenda_item", data=lambda o: {"direction": "down"}
    ),
    "swg:agenda_item_delete": _agenda("swg:agenda_item_delete", "agenda_item"),
    "swg:meeting_invitations · members": _invitations(
        "swg:meeting_invitations",
        data=lambda o: {"form": "members", "contacts": [o["world"].contact_gov.pk]},
    ),
    "swg:meeting_invitations · ad_hoc": _invitations(
        "swg:meeting_invitations",
        data=lambda o: {"form": "ad_hoc", "contact": o["world"].contact_b.pk},
    ),
    "swg:invitation_remove": _invitations("swg:invitation_remove", "invitation"),
    "swg:meeting_send_invitations": _meeting("swg:meeting_send_invitations"),
    # The answer link of the invitation email: no login; the page records the
    # answer and says so (a redirect would let a link scanner answer too).
    "swg:rsvp": Post(_to("swg:rsvp", "rsvp_token"), ANYONE, then="", status=200),
    "swg:calendar_token_create": Post(
        lambda o: reverse("swg:calendar_token_create"),
        SIGNED_IN,
        then=lambda o: reverse("swg:calendar_subscription"),
    ),
    "swg:calendar_token_revoke": Post(
        _to("swg:calendar_token_revoke", "feed_token_pk"),
        PARTNER_A_ONLY,
        then=lambda o: reverse("swg:calendar_subscription"),
    ),
    # ------------------------------------------------------------ attendance and minutes
    "swg:attendance_sheet": _attendance(
        "swg:attendance_sheet",
        data=lambda o: {
            f"status_{o['world'].contact_a.pk}": "present",
            f"status_{o['world'].contact_gov.pk}": "absent",
        },
    ),
    "swg:attendance_sheet · all present": _attendance(
        "swg:attendance_sheet", data=lambda o: {"all_present": "1"}
    ),
    "swg:attendance_add": _attendance(
        "swg:attendance_add",
        data=lambda o: {
            "contact": o["world"].contact_b.pk,
            "status": "present",
            "is_walk_in": "on",
        },
    ),
    # A formal meeting goes on to its draft minutes.
    "swg:meeting_mark_held": _meeting("swg:meeting_mark_held", "past", then="swg:minutes_edit"),
    "swg:minutes_create": _meeting("swg:minutes_create", "held_bare", then="swg:minutes_edit"),
    "swg:minutes_edit · save": _minutes(
        "swg:minutes_edit",
        "draft",
        data=lambda o: {
            "language": "en",
            "attendance_text": "WHO, Ministry of Health",
            "summary": "A productive meeting.",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "1",
            "items-0-id": o["draft_item"],
            "items-0-order": "1",
            "items-0-title": "Vaccination campaign",
            "items-0-decisions": "Start in March.",
        },
    ),
    "swg:minutes_edit · refill": _minutes(
        "swg:minutes_edit",
        "draft",
        then=("swg:minutes_edit", "draft_meeting", "draft"),
        data=lambda o: {"refill": "1"},
    ),
    "swg:minutes_submit": _minutes("swg:minutes_submit", "draft"),
    "swg:minutes_approve": _minutes("swg:minutes_approve", "submitted", CHAIR),
    "swg:minutes_return": _minutes(
        "swg:minutes_return",
        "submitted",
        CHAIR,
        data=lambda o: {"comment": "Add the vaccination figures."},
    ),
    "swg:minutes_circulate": _minutes("swg:minutes_circulate", "approved"),
    # The correction's success page is the new version's editor.
    "swg:minutes_correct": _minutes("swg:minutes_correct", "approved", then="swg:minutes_edit"),
    "swg:action_point_add": _minutes(
        "swg:action_point_add",
        "draft",
        data=lambda o: _action_point_form(o, minutes_item=o["draft_item"]),
    ),
    "swg:action_point_edit · save": _row(
        MANAGE,
        "swg:action_point_edit",
        "action_point",
        then=("swg:swg_action_points", "slug"),
        data=lambda o: _action_point_form(o, status="in_progress"),
    ),
    # Only a draft's point may be removed, and a draft's points are draft
    # content: out of reach (404) for all but the group's secretariat and chair.
    "swg:action_point_edit · delete": Post(
        _to("swg:action_point_edit", "draft_point"),
        DRAFT_CONTENT,
        then=_to("swg:swg_action_points", "slug"),
        data=lambda o: {"delete": "1"},
    ),
    # The owner organization's focal point moves it on; another group's
    # secretariat sees it but may not (403).
    "swg:action_point_status": Post(
        _to("swg:action_point_status", "action_point"),
        (LOGIN, OK, 404, OK, 403, OK, OK, OK),
        then=_to("swg:swg_action_points", "slug"),
        data=lambda o: {"status": "in_progress"},
    ),
    # ------------------------------------------------------------ archive and register
    # Health is not among secretariat_y's groups: the form comes back with the error.
    "swg:document_upload": Post(
        lambda o: reverse("swg:document_upload"),
        (LOGIN, 403, 403, OK, 400, OK, OK, OK),
        then="swg:document_detail",
        data=lambda o: {**_document_form(swg=o["world"].swg_x.pk), "file": _pdf_upload()},
    ),
    "swg:document_edit": Post(
        _to("swg:document_edit", "document"),
        MANAGE,
        then=_to("swg:document_detail", "document"),
        data=lambda o: _document_form(),
    ),
    "swg:document_version_add": Post(
        _to("swg:document_version_add", "document"),
        MANAGE,
        then=_to("swg:document_detail", "document"),
        data=lambda o: {"file": _pdf_upload("assessment-v2.pdf")},
    ),
    "swg:correspondence_create": Post(
        lambda o: reverse("swg:correspondence_create"),
        MINISTRY_AND_COORDINATION,
        then="swg:correspondence_detail",
        data=_correspondence_form,
    ),
    "swg:correspondence_edit": Post(
        _to("swg:correspondence_edit", "correspondence"),
        (LOGIN, 404, 404, OK, OK, OK, OK, OK),
        then=_to("swg:correspondence_detail", "correspondence"),
        data=lambda o: _correspondence_form(o, reference="IN-2026-001", direction="in"),
    ),
    # ------------------------------------------------------------ terms of reference
    "swg:tor_new": Post(
        _to("swg:tor_new", "slug"),
        MANAGE,
        then="swg:tor_edit",
        before=_tor_without_open_version,
    ),
    "swg:tor_edit": Post(
        _to("swg:tor_edit", "slug", "tor_draft"),
        (LOGIN, 404, 404, OK, 403, OK, OK, OK),
        then=_to("swg:tor_version", "slug", "tor_draft"),
        data=lambda o: tor_text("v2"),
    ),
    # MoP (a secretariat appointment in any group) reviews.
    "swg:tor_review": Post(
        _to("swg:tor_review", "slug", "tor_draft"),
        (LOGIN, 404, 404, OK, OK, 403, 403, OK),
        then=_to("swg:tor_version", "slug", "tor_draft"),
    ),
    "swg:tor_endorse": Post(
        _to("swg:tor_endorse", "slug", "tor_draft"),
        (LOGIN, 404, 404, 403, 403, OK, 403, OK),
        then=_to("swg:tor_version", "slug", "tor_draft"),
        before=_tor_reviewed,
    ),
    # ------------------------------------------------------------ monthly schedule
    "swg:notification_settings": Post(
        lambda o: reverse("swg:notification_settings"),
        SIGNED_IN,
        then=lambda o: reverse("swg:notification_settings"),
        data=lambda o: {"notification_email": "digest"},
    ),
    "swg:notification_read_all": Post(
        lambda o: reverse("swg:notification_read_all"),
        SIGNED_IN,
        then=lambda o: reverse("swg:notification_list"),
    ),
    "swg:schedule_subscriptions · receive": Post(
        lambda o: reverse("swg:schedule_subscriptions"),
        SIGNED_IN,
        then=lambda o: reverse("swg:schedule_subscriptions"),
        data=lambda o: {"form": "receive"},
    ),
    # Partners follow groups they are not members of; Security is nobody's here.
    "swg:schedule_subscriptions · groups": Post(
        lambda o: reverse("swg:schedule_subscriptions"),
        (LOGIN, OK, OK, 403, 403, 403, 403, 403),
        then=lambda o: reverse("swg:schedule_subscriptions"),
        data=lambda o: {"form": "groups", "swgs": [o["swg_other"]]},
    ),
    "swg:schedule_unsubscribe": Post(
        _to("swg:schedule_unsubscribe", "unsubscribe_token"), ANYONE, then="", status=200
    ),
    # ------------------------------------------------------------ project database
    "projects_db:project_create": Post(
        lambda o: reverse("projects_db:project_create"),
        PROJECT_CREATE_POST,
        then="projects_db:project_detail",
        data=_project_form,
    ),
    "projects_db:project_edit": Post(
        _to("projects_db:project_edit", "project_published"),
        (LOGIN, OK, 403, OK, 403, 403, OK, OK),
        then=_to("projects_db:project_detail", "project_published"),
        data=_project_edit_form,
    ),
    "projects_db:project_publish": Post(
        _to("projects_db:project_publish", "project_draft"),
        (LOGIN, OK, 404, OK, 404, 403, OK, OK),
        then=_to("projects_db:project_detail", "project_draft"),
    ),
    "projects_db:project_unpublish": Post(
        _to("projects_db:project_unpublish", "project_published"),
        (LOGIN, OK, 403, OK, 403, 403, OK, OK),
        then=_to("projects_db:project_detail", "project_published"),
    ),
    "projects_db:duplicate_review": Post(
        _to("projects_db:duplicate_review", "pair"),
        (LOGIN, 403, 403, OK, 403, 403, OK, OK),
        then=lambda o: reverse("projects_db:duplicate_list"),
        data=lambda o: {"note": "Different districts: complementary."},
    ),
    "projects_db:project_import": Post(
        lambda o: reverse("projects_db:project_import"),
        (LOGIN, OK, OK, OK, OK, 403, OK, OK),
        then="projects_db:project_import_status",
        data=lambda o: {
            "file": SimpleUploadedFile("projects.csv", b"organization,swg,title_en\nWHO,health,A\n")
        },
    ),
    "projects_db:project_import_confirm": Post(
        _to("projects_db:project_import_confirm", "project_job_checked"),
        (LOGIN, OK, 404, 404, 404, 404, 404, 404),
        then=_to("projects_db:project_import_status", "project_job_checked"),
    ),
    "projects_db:project_import_retry": Post(
        _to("projects_db:project_import_retry", "project_job_stuck"),
        (LOGIN, OK, 404, 404, 404, 404, 404, 404),
        then=_to("projects_db:project_import_status", "project_job_stuck"),
    ),
    "projects_db:api_token": Post(
        lambda o: reverse("projects_db:api_token"),
        SIGNED_IN,
        then=lambda o: reverse("projects_db:api_token"),
    ),
    "projects_db:update_edit": Post(
        lambda o: reverse(
            "projects_db:update_edit", args=[o["project_published"], *o["open_quarter"]]
        ),
        (LOGIN, OK, 403, OK, 403, 403, OK, OK),
        then="projects_db:update_detail",
        data=_update_form,
    ),
    "projects_db:update_no_change": Post(
        lambda o: reverse(
            "projects_db:update_no_change", args=[o["project_published"], *o["open_quarter"]]
        ),
        (LOGIN, OK, 403, OK, 403, 403, OK, OK),
        then=lambda o: (
            reverse("projects_db:update_list") + "?quarter={}-{}".format(*o["open_quarter"])
        ),
    ),
    "projects_db:update_accept": Post(
        _to("projects_db:update_accept", "update_submitted"),
        UPDATE_REVIEW,
        then=_to("projects_db:update_detail", "update_submitted"),
    ),
    "projects_db:update_return": Post(
        _to("projects_db:update_return", "update_submitted"),
        UPDATE_REVIEW,
        then=_to("projects_db:update_detail", "update_submitted"),
        data=lambda o: {"review_comment": "Add this quarter's figures."},
    ),
    # The REST API answers 401 to anonymous callers and 201 when it creates.
    "projects_db:api-update-list": Post(
        lambda o: reverse("projects_db:api-update-list"),
        API_CREATE,
        then="",
        data=lambda o: {
            "project": o["project_published"],
            "year": o["open_quarter"][0],
            "quarter": o["open_quarter"][1],
            "narrative": "Two more clinics opened.",
            "submit": True,
        },
        status=201,
        json=True,
    ),
    "projects_db:api-project-list": Post(
        lambda o: reverse("projects_db:api-project-list"),
        API_CREATE,
        then="",
        data=_api_project,
        status=201,
        json=True,
    ),
    # ------------------------------------------------------------ results framework
    "projects_db:priority_create": Post(
        lambda o: reverse("projects_db:priority_create"),
        RESULTS_PRIORITY,
        then=lambda o: reverse("projects_db:results_index"),
        data=lambda o: _priority_form(code="NP-42"),
    ),
    "projects_db:priority_edit": Post(
        _to("projects_db:priority_edit", "priority"),
        RESULTS_PRIORITY,
        then=lambda o: reverse("projects_db:results_index"),
        data=lambda o: _priority_form(code="NP-05"),
    ),
    "projects_db:goal_create": _framework("projects_db:goal_create", "slug", "Healthy mothers", 2),
    "projects_db:goal_edit": _framework("projects_db:goal_edit", "goal", "Basic care for all", 1),
    "projects_db:objective_create": _framework(
        "projects_db:objective_create", "goal", "Midwives trained", 2
    ),
    "projects_db:objective_edit": _framework(
        "projects_db:objective_edit", "objective", "Clinics open", 1
    ),
    "projects_db:indicator_create": _results(
        "projects_db:indicator_create",
        "slug",
        then="projects_db:indicator_detail",
        data=lambda o: _indicator_form(o, name_en="Midwives trained"),
    ),
    "projects_db:indicator_edit": _results(
        "projects_db:indicator_edit", "indicator", data=_indicator_form
    ),
    "projects_db:target_add": _results(
        "projects_db:target_add",
        "indicator",
        data=lambda o: {"year": 2027, "quarter": 0, "value": "80"},
    ),
    "projects_db:target_edit": _results(
        "projects_db:target_edit",
        "indicator",
        "target",
        data=lambda o: {"year": 2026, "quarter": 0, "value": "65"},
    ),
    "projects_db:measurement_add": _results(
        "projects_db:measurement_add",
        "indicator",
        data=lambda o: {"year": 2026, "quarter": 2, "value": "51", "note": ""},
    ),
    "projects_db:measurement_edit": _results(
        "projects_db:measurement_edit",
        "indicator",
        "measurement",
        data=lambda o: {"year": 2026, "quarter": 1, "value": "45", "note": "Survey"},
    ),
}

# Progress reports (see REPORT_VIEW above).
REPORT_WRITE = (LOGIN, 404, 404, OK, 404, OK, 403, OK)
REPORT_APPROVE = (LOGIN, 404, 404, 403, 404, OK, 403, OK)
POSTS.update(
    {
        "reports:open": Post(
            _to("reports:open", "slug"),
            REPORT_WRITE,
            then="reports:detail",
            data=lambda o: {"period": "2026Q2"},
        ),
        "reports:narrative": _report(
            "reports:narrative",
            REPORT_WRITE,
            data=lambda o: {"summary_en": "<p>Good progress.</p>"},
        ),
        "reports:generate": _report(
            "reports:generate", REPORT_WRITE, data=lambda o: {"language": "en"}
        ),
        "reports:approve": _report("reports:approve", REPORT_APPROVE),
    }
)


def _route(key: str) -> str:
    return key.split(" · ")[0]


def _unwrapped(view):
    """The view and each function it wraps, outermost first."""
    while view is not None:
        yield view
        view = getattr(view, "__wrapped__", None)


def _closure(fn) -> dict:
    """The variables a decorator's wrapper closes over (how the decorator is known)."""
    if not inspect.isfunction(fn) or not fn.__closure__:
        return {}
    values = {}
    for name, cell in zip(fn.__code__.co_freevars, fn.__closure__, strict=True):
        try:
            values[name] = cell.cell_contents
        except ValueError:  # a cell not filled yet
            continue
    return values


def _declared_methods(view) -> set[str] | None:
    """The HTTP methods a view declares (a method decorator, a class-based or a
    REST framework view), or None when its code reads ``request.method`` itself."""
    for fn in _unwrapped(view):
        if "request_method_list" in _closure(fn):  # require_POST, require_GET, …
            return {m.upper() for m in _closure(fn)["request_method_list"]}
    actions = getattr(view, "actions", None)  # a REST framework viewset's route
    if actions is not None:
        return {m.upper() for m in actions}
    cls = getattr(view, "view_class", None) or getattr(view, "cls", None)
    if cls is not None:
        return {m.upper() for m in cls.http_method_names if m != "options" and hasattr(cls, m)}
    return None


def _reads_a_post(fn, seen=None) -> bool:
    """Whether a function view, or a helper of its module it calls, reads the
    request's method or its POST data."""
    seen = seen if seen is not None else set()
    seen.add(fn)
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in {"POST", "method"}:
            if isinstance(node.value, ast.Name) and node.value.id == "request":
                return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            helper = fn.__globals__.get(node.func.id)
            if inspect.isfunction(helper) and helper.__module__ == fn.__module__:
                if helper not in seen and _reads_a_post(helper, seen):
                    return True
    return False


def _takes_post(view) -> bool:
    methods = _declared_methods(view)
    if methods is not None:
        return "POST" in methods
    return _reads_a_post(list(_unwrapped(view))[-1])


def _portal_routes():
    return [(n, view) for n, view in _routes() if not n.startswith("admin:")]


def test_it_has_a_post_row_for_every_route_that_takes_a_post():
    takes_post = {name for name, view in _portal_routes() if _takes_post(view)}
    assert takes_post == {_route(key) for key in POSTS}


def _post(client, row, objects):
    url = row.url(objects)
    if row.json:
        return client.post(url, json.dumps(row.data(objects)), content_type="application/json")
    return client.post(url, row.data(objects))


def _assert_done(response, row, objects, what):
    assert response.status_code == row.status, what
    errors = [m.message for m in get_messages(response.wsgi_request) if m.level >= ERROR]
    assert not errors, f"{what}: {errors}"
    if row.status != 302:
        return
    location = response["Location"]
    if callable(row.then):
        assert location == row.then(objects), what
    else:
        assert resolve(urlsplit(location).path).view_name == row.then, f"{what}: {location}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", sorted(POSTS))
def test_it_answers_the_expected_status_to_a_post(client, matrix, objects, key, role):
    row = POSTS[key]
    want = row.answers[ROLES.index(role)]
    what = f"POST {key} as {role}"
    _sign_in(client, matrix, role)
    if row.before is not None:
        row.before(client, objects)
    with transaction.atomic():
        response = _post(client, row, objects)
        transaction.set_rollback(True)
    if want == OK:
        _assert_done(response, row, objects, what)
    elif want == LOGIN:
        assert response.status_code == 302, what
        login = reverse("login")
        assert response["Location"] == f"{login}?next={quote(row.url(objects))}", what
    else:
        assert response.status_code == want, what


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url_name",
    sorted(
        name
        for name, view in _portal_routes()
        if _declared_methods(view) is not None and not _takes_post(view)
    ),
)
def test_it_refuses_a_post_where_the_view_declares_no_post(client, matrix, objects, url_name, role):
    """405 to whoever may ask; an anonymous caller is refused as for a GET first
    (sent to log in, or 401 from the REST API)."""
    build_url, expected = TABLE[url_name]
    _sign_in(client, matrix, role)
    response = client.post(build_url(objects))
    if role == "anonymous" and expected[0] in (302, 401):
        assert response.status_code == expected[0], f"POST {url_name} as {role}"
        if expected[0] == 302:
            assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == 405, f"POST {url_name} as {role}"


def _wrappers(view) -> list[str]:
    """The access and method decorators around a function view, outermost first."""
    names = []
    for fn in _unwrapped(view):
        closure = _closure(fn)
        if "test_func" in closure and "_redirect_to_login" in closure:  # user_passes_test
            names.append("login_required")
        elif "request_method_list" in closure:
            names.append("method")
    return names


@pytest.mark.parametrize("url_name", sorted(name for name, _view in _portal_routes()))
def test_it_checks_the_login_before_the_method(url_name):
    """One decorator order everywhere: ``@login_required`` outermost, then the
    method (``@require_POST``…), so an anonymous visitor is always sent to log in."""
    view = dict(_portal_routes())[url_name]
    wrappers = _wrappers(view)
    if "login_required" in wrappers:
        assert wrappers[0] == "login_required", wrappers
