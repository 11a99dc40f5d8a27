"""Every page of the URL configuration with sample arguments, for checks that walk
all pages (the 390 px phone layout in tests/browser/test_phone_layout.py).

``page_routes()`` lists the named routes (the admin, the API and the password-reset
link, which needs a mailed token, left out); ``sample_url()`` fills a route's
arguments from the objects that ``sample_objects()`` builds: a URL argument's name
says what it is (``slug``, ``item_pk``, ``fp_pk``, ``meeting_pk`` …), and a bare
``pk`` is the object the route's name starts with (``contact_edit`` → a contact).
A new route whose arguments cannot be filled is returned as ``None``, so the test
that walks the pages can name it.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from coordination.models import Notification, OutboxMessage
from projects_db.models import DuplicatePair, NationalPriority
from projects_db.selectors.submissions import reporting_quarter
from projects_db.services.results import measurement_record, target_set
from projects_db.services.updates import update_no_change
from swg.models import FocalPoint, ImportJob, Membership
from swg.services.calendar_feeds import calendar_token_create
from swg.services.invitations import invitations_add, rsvp_token
from swg.services.memberships import focal_point_appoint, membership_add
from tests.factories import (
    ActionPointFactory,
    ContactFactory,
    OrganizationFactory,
    build_health_meetings,
    make_correspondence,
    make_document,
    make_indicator,
    make_project,
    make_report,
    make_tor,
)

# Not the portal's pages: Django's admin, the REST API (JSON), and the reset link
# that needs a mailed token.
LEFT_OUT_PREFIXES = ("admin:", "projects_db:api")
LEFT_OUT = {
    "password_reset_confirm",
    # A file to download, not a page (its path ends in "/").
    "projects_db:submission_board_export",
}

# URL argument -> the sample object it names.
ARGUMENTS = {
    "slug": "slug",
    "item_pk": "agenda_item",
    "invitation_pk": "invitation",
    "fp_pk": "focal_point",
    "membership_pk": "membership",
    "meeting_pk": "held",
    "token": "rsvp_token",
    "kind": "restructure_kind",
    "version_pk": "version",
    "key": "slug",  # a TOR's key is its group's slug
    "number": "tor_number",
    "update_pk": "update",
    "year": "year",
    "quarter": "quarter",
    "period": "report_period",
    "goal_pk": "goal",
    "target_pk": "target",
    "measurement_pk": "measurement",
    "role": "help_role",
}

# A bare ``pk``: the object named by the start of the route's name (first match wins).
PK_BY_ROUTE = (
    ("contact_import", "job"),
    ("contact_", "contact"),
    ("membership_", "membership"),
    ("organization_", "org"),
    ("focal_point_", "org"),
    ("meeting_", "meeting"),
    ("agenda_item_", "meeting"),
    ("invitation_", "meeting"),
    ("minutes_", "minutes"),
    ("action_point_add", "minutes"),
    ("action_point_", "action_point"),
    ("calendar_token_", "feed_token_pk"),
    ("project_", "project"),
    ("duplicate_", "pair"),
    ("update_", "project"),
    ("document_", "document"),
    ("correspondence_", "correspondence"),
    ("report_", "report_pdf"),
    ("priority_", "priority"),
    ("goal_", "goal"),
    ("objective_", "objective"),
    ("indicator_", "indicator"),
    ("target_", "indicator"),
    ("measurement_", "indicator"),
    ("notification_", "notification"),
)


@dataclass
class Route:
    name: str
    arguments: list[str]


def page_routes(resolver=None, prefix: str = "", path: str = "") -> list[Route]:
    """Every named route that may be a page, in URL configuration order: a page's
    path ends in "/"; files (``calendar.ics``, ``rejected.csv``) do not."""
    resolver = resolver or get_resolver()
    routes = []
    for pattern in resolver.url_patterns:
        route = path + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            routes.extend(page_routes(pattern, namespace, route))
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = prefix + pattern.name
            if name in LEFT_OUT or name.startswith(LEFT_OUT_PREFIXES):
                continue
            if route and not route.endswith("/"):
                continue
            routes.append(Route(name, list(pattern.pattern.converters)))
    return routes


def sample_url(route: Route, objects: dict) -> str | None:
    """The route's URL with sample arguments, or None when one has no sample."""
    kwargs = {}
    short_name = route.name.split(":")[-1]
    for argument in route.arguments:
        if argument == "pk" and "meeting_pk" in route.arguments:
            key = "minutes"
        elif argument == "pk":
            key = next((k for start, k in PK_BY_ROUTE if short_name.startswith(start)), None)
        else:
            key = ARGUMENTS.get(argument)
        if key not in objects:
            return None
        kwargs[argument] = objects[key]
    return reverse(route.name, kwargs=kwargs)


def sample_objects(world) -> dict:
    """A Health group as the demo has it, with the long names and addresses real
    data has (UN agencies' full names, long e-mail addresses and links)."""
    meetings = build_health_meetings(world)
    long_org = OrganizationFactory(
        name_en="United Nations Entity for Gender Equality and the Empowerment of Women",
        name_ar="هيئة الأمم المتحدة للمساواة بين الجنسين وتمكين المرأة",
        acronym="UN-Women",
    )
    long_contact = ContactFactory(
        organization=long_org,
        name_en="Fatima Abdulrahman Al-Mabrouk Ben Khalifa",
        name_ar="فاطمة عبد الرحمن المبروك بن خليفة",
        email="fatima.abdulrahman.almabrouk@unwomen-libya-country-office.example.org",
        mobile="+218 91 234 5678",
        landline="+218 21 444 5566",
        title="Programme Specialist, Women's Political Participation and Leadership",
    )
    membership_add(
        swg=world.swg_x,
        organization=long_org,
        role=Membership.Role.SUPPORTING,
        task_en="Gender-responsive budgeting and sex-disaggregated health statistics",
    )
    # The current membership: generated data (bench, size M) keeps ended ones too.
    membership = Membership.objects.active().get(swg=world.swg_x, organization=world.org_a)
    focal_point = focal_point_appoint(
        organization=long_org,
        contact=long_contact,
        purpose=FocalPoint.Purpose.SWG,
        swg=world.swg_x,
    )
    invitation, _ = invitations_add(
        meeting=meetings.planned, contacts=[world.contact_a, long_contact]
    )
    action_point = ActionPointFactory(
        swg=world.swg_x,
        source_meeting=meetings.held,
        description="Share the sex-disaggregated vaccination figures per municipality",
        owner_organization=long_org,
        due_in_days=-3,
    )
    job = ImportJob.objects.create(
        original_name="health-swg-contacts-2026-quarter-four-final-version.csv",
        created_by=world.secretariat_x,
        status=ImportJob.Status.INVALID,
        errors=[{"row": 2, "column": "email", "message": "Enter a valid email address."}],
    )
    OutboxMessage.objects.create(
        purpose="minutes.circulate",
        object_key=f"minutes:{meetings.minutes.pk}",
        recipient_email=long_contact.email,
        recipient_name=long_contact.name_en,
        swg=world.swg_x,
        subject="Minutes of the Health meeting of 15 December 2026 (corrected, version 2)",
        body_text="Minutes",
        status=OutboxMessage.Status.FAILED,
        last_error="550 5.1.1 mailbox unavailable: recipient address rejected by the server",
    )
    feed_token = calendar_token_create(user=world.secretariat_x)
    notification = Notification.objects.create(
        recipient=world.secretariat_x,
        kind="minutes.returned",
        object_key=f"minutes:{meetings.minutes.pk}:returned",
        url=f"/meetings/{meetings.held.pk}/",
        params={
            "meeting": {
                "en": "Health SWG: joint review of the primary health care facilities assessment",
                "ar": "مجموعة الصحة: المراجعة المشتركة لتقييم مرافق الرعاية الصحية الأولية",
            },
            "swg": {"en": "Health", "ar": "الصحة"},
            "comment": "Add the sex-disaggregated figures per municipality before approval.",
        },
        delivery="off",
    )
    draft = make_project(owner=world.org_a, swg=world.swg_x)
    published = make_project(
        owner=world.org_a, swg=world.swg_x, publish=True, title_en="Mobile clinics for nomads"
    )
    make_project(
        owner=world.org_b, swg=world.swg_x, publish=True, title_en="Mobile clinics for the nomads"
    )
    document = make_document(
        world, title="Joint assessment of primary health care facilities in the southern districts"
    )
    correspondence = make_correspondence(
        world,
        subject_en="Request to nominate focal points for the joint health sector assessment",
    )
    tor = make_tor(world, status="endorsed")
    year, quarter = reporting_quarter(timezone.localdate())
    update = update_no_change(project=published, year=year, quarter=quarter, by=world.partner_a)
    from coordination.periods import Period
    from reports.models import ReportGeneration

    report = make_report(
        world,
        period=Period.parse("2026Q3"),
        summary_en="<p>The group met three times and agreed the vaccination plan.</p>",
    )
    generation = ReportGeneration.objects.create(
        report=report, language="en", status=ReportGeneration.Status.DONE, progress=100
    )
    indicator = make_indicator(
        world,
        projects=[published],
        name_en="Share of primary health care facilities offering the essential package",
        name_ar="نسبة مرافق الرعاية الصحية الأولية التي تقدم الحزمة الأساسية",
        unit="% of facilities",
    )
    target = target_set(
        indicator=indicator, year=2026, quarter=0, value=Decimal(75), by=world.secretariat_x
    )
    measurement = measurement_record(
        indicator=indicator, year=2026, quarter=2, value=Decimal(61), by=world.secretariat_x
    )
    return {
        "tor_number": tor.number,
        "update": update.pk,
        "year": year,
        "quarter": quarter,
        "report_period": "2026Q3",
        "report_pdf": generation.pk,
        "priority": NationalPriority.objects.order_by("pk").first().pk,
        "goal": indicator.objective.goal_id,
        "objective": indicator.objective_id,
        "indicator": indicator.pk,
        "target": target.pk,
        "measurement": measurement.pk,
        "document": document.pk,
        "version": document.versions.get().pk,
        "correspondence": correspondence.pk,
        "slug": world.swg_x.slug,
        "restructure_kind": "rename",
        "help_role": "partner",
        "meeting": meetings.planned.pk,
        "agenda_item": meetings.agenda_item.pk,
        "held": meetings.held.pk,
        "minutes": meetings.minutes.pk,
        "invitation": invitation.pk,
        "rsvp_token": rsvp_token(invitation=invitation, choice="accepted"),
        "membership": membership.pk,
        "org": long_org.pk,
        "contact": long_contact.pk,
        "focal_point": focal_point.pk,
        "action_point": action_point.pk,
        "job": job.pk,
        "feed_token_pk": feed_token.pk,
        "project": draft.pk,
        "pair": DuplicatePair.objects.get(project_a=published).pk,
        "notification": notification.pk,
    }
