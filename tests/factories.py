"""Factories and the named people every test can use.

Rows are built two ways. The factory_boy factories (``MeetingFactory``,
``MinutesFactory``, ``ActionPointFactory``…) write a row as it is, for tests that
need a state no service would reach on its own (a meeting held last year). The
builders below them (``plan_meeting``, ``held_meeting``, ``draft_minutes``…) go
through the services, so the row is what the portal itself would have made."""

import datetime as dt
from dataclasses import dataclass

import factory
from django.utils import timezone

from accounts.models import User
from swg.models import (
    SWG,
    ActionPoint,
    AgendaItem,
    Contact,
    Invitation,
    Meeting,
    Membership,
    Minutes,
    Organization,
    SWGAppointment,
)
from swg.services.attendance import attendance_record
from swg.services.meetings import agenda_item_add, meeting_mark_held, meeting_plan
from swg.services.memberships import membership_add
from swg.services.minutes import (
    minutes_approve,
    minutes_circulate,
    minutes_start,
    minutes_submit,
)

PASSWORD = "correct-horse-battery"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_en = factory.Sequence(lambda n: f"Organization {n}")
    name_ar = factory.Sequence(lambda n: f"منظمة {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    org_type = Organization.Type.UN


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name_en = factory.Sequence(lambda n: f"Person {n}")
    name_ar = factory.Sequence(lambda n: f"شخص {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    organization = factory.SubFactory(OrganizationFactory)
    gender = Contact.Gender.FEMALE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"User {n}")
    kind = User.Kind.PARTNER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def _health() -> SWG:
    return SWG.objects.get(slug="health")


class MeetingFactory(factory.django.DjangoModelFactory):
    """A planned Health meeting a week ahead, two hours long."""

    class Meta:
        model = Meeting

    swg = factory.LazyFunction(_health)
    title_en = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))


class MinutesFactory(factory.django.DjangoModelFactory):
    """Draft minutes (version 1) of a Health meeting held a week ago."""

    class Meta:
        model = Minutes

    meeting = factory.SubFactory(
        MeetingFactory,
        starts_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=7)),
        status=Meeting.Status.HELD,
    )
    version = 1


class ActionPointFactory(factory.django.DjangoModelFactory):
    """An open action point of its source meeting's group (Health without one),
    due ``due_in_days`` from today (14 unless told)."""

    class Meta:
        model = ActionPoint

    class Params:
        due_in_days = 14

    source_meeting = None
    swg = factory.LazyAttribute(lambda o: o.source_meeting.swg if o.source_meeting else _health())
    description = factory.Sequence(lambda n: f"Action {n}")
    owner_organization = factory.SubFactory(OrganizationFactory)
    due_date = factory.LazyAttribute(
        lambda o: timezone.localdate() + dt.timedelta(days=o.due_in_days)
    )


@dataclass
class World:
    swg_x: SWG
    swg_y: SWG
    org_a: Organization
    org_b: Organization
    ministry: Organization
    contact_a: Contact
    contact_b: Contact
    contact_gov: Contact
    partner_a: User
    partner_b: User
    secretariat_x: User
    secretariat_y: User
    chair: User
    coordination: User
    admin: User

    def users(self):
        return {
            "partner_a": self.partner_a,
            "partner_b": self.partner_b,
            "secretariat_x": self.secretariat_x,
            "secretariat_y": self.secretariat_y,
            "chair": self.chair,
            "coordination": self.coordination,
            "admin": self.admin,
        }


def build_world() -> World:
    swg_x = SWG.objects.get(slug="health")
    swg_y = SWG.objects.get(slug="education")
    org_a = OrganizationFactory(
        name_en="World Health Organization", name_ar="منظمة الصحة العالمية", acronym="WHO"
    )
    org_b = OrganizationFactory(
        name_en="EU Delegation to Libya",
        name_ar="بعثة الاتحاد الأوروبي",
        acronym="EUD",
        org_type=Organization.Type.BILATERAL,
    )
    ministry = OrganizationFactory(
        name_en="Ministry of Health",
        name_ar="وزارة الصحة",
        acronym="MoH",
        org_type=Organization.Type.MINISTRY,
    )
    contact_a = ContactFactory(
        organization=org_a, name_en="Amina Haddad", name_ar="أمينة حداد", email="amina@who.example"
    )
    contact_b = ContactFactory(
        organization=org_b,
        name_en="Marco Rossi",
        name_ar="ماركو روسي",
        email="marco@eud.example",
        gender=Contact.Gender.MALE,
    )
    contact_gov = ContactFactory(
        organization=ministry,
        name_en="Khaled Ben Omar",
        name_ar="خالد بن عمر",
        email="khaled@moh.example",
        gender=Contact.Gender.MALE,
    )
    membership_add(
        swg=swg_x, role=Membership.Role.CHAIR, contact=contact_gov, task_en="Chairs the group"
    )
    membership_add(
        swg=swg_x,
        role=Membership.Role.TECHNICAL_LEAD,
        organization=org_a,
        contact=contact_a,
        task_en="Technical advice on primary health care",
    )
    membership_add(
        swg=swg_y,
        role=Membership.Role.MEMBER,
        organization=org_b,
        contact=contact_b,
        task_en="Reports EU education funding",
    )
    partner_a = UserFactory(email="partner.a@example.org", organization=org_a)
    partner_b = UserFactory(email="partner.b@example.org", organization=org_b)
    secretariat_x = UserFactory(email="sec.x@example.org", kind=User.Kind.GOVERNMENT)
    secretariat_y = UserFactory(email="sec.y@example.org", kind=User.Kind.GOVERNMENT)
    chair = UserFactory(email="chair@example.org", kind=User.Kind.GOVERNMENT, language="ar")
    SWGAppointment.objects.create(user=secretariat_x, swg=swg_x, role="secretariat")
    SWGAppointment.objects.create(user=secretariat_y, swg=swg_y, role="secretariat")
    SWGAppointment.objects.create(user=chair, swg=swg_x, role="chair")
    coordination = UserFactory(email="coord@example.org", kind=User.Kind.COORDINATION)
    admin = User.objects.create_superuser("admin@example.org", PASSWORD)
    return World(
        swg_x,
        swg_y,
        org_a,
        org_b,
        ministry,
        contact_a,
        contact_b,
        contact_gov,
        partner_a,
        partner_b,
        secretariat_x,
        secretariat_y,
        chair,
        coordination,
        admin,
    )


@dataclass
class HealthMeetings:
    planned: Meeting
    agenda_item: AgendaItem
    held: Meeting
    minutes: Minutes


def build_health_meetings(world: World) -> HealthMeetings:
    """Health (swg_x) meets in a week (agenda: "Welcome") and met a week ago
    (held, with draft minutes)."""
    starts = timezone.now() + dt.timedelta(days=7)
    planned = meeting_plan(
        swg=world.swg_x,
        title_en="Health SWG",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
    )
    agenda_item = agenda_item_add(meeting=planned, title_en="Welcome")
    minutes = MinutesFactory(meeting__swg=world.swg_x, meeting__title_en="Held Health SWG")
    return HealthMeetings(planned, agenda_item, minutes.meeting, minutes)


# ---------------------------------------------------------------- meetings and minutes
# Builders through the services, for the tests of what comes after: the calendar,
# invitations, minutes, action points, reviews and the home page.


def plan_meeting(world: World, *, swg=None, starts_at=None, hours=2, **fields) -> Meeting:
    """A Health meeting planned by its secretariat a week ahead (or as told)."""
    starts_at = starts_at or (timezone.now() + dt.timedelta(days=7)).replace(
        second=0, microsecond=0
    )
    fields.setdefault("title_en", "Health SWG monthly meeting")
    fields.setdefault("title_ar", "الاجتماع الشهري لمجموعة الصحة")
    fields.setdefault("venue_en", "Ministry of Planning")
    return meeting_plan(
        swg=swg or world.swg_x,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=hours),
        by=world.secretariat_x,
        **fields,
    )


def make_meeting(
    world: World, *, swg=None, days_ago=7, is_formal=True, status="planned", invite=()
) -> Meeting:
    """A Health meeting that started ``days_ago`` (negative: ahead), with invitations."""
    starts = timezone.now() - dt.timedelta(days=days_ago)
    meeting = MeetingFactory(
        swg=swg or world.swg_x,
        title_en=f"Health SWG meeting {starts:%d %b}",
        starts_at=starts,
        is_formal=is_formal,
        status=status,
    )
    for contact in invite:
        Invitation.objects.create(meeting=meeting, contact=contact)
    return meeting


def held_meeting(world: World, **kwargs) -> Meeting:
    """A formal Health meeting held a week ago: WHO and the ministry present."""
    meeting = make_meeting(world, invite=(world.contact_a, world.contact_gov), **kwargs)
    attendance_record(
        meeting=meeting, entries=[(world.contact_a, "present"), (world.contact_gov, "present")]
    )
    meeting_mark_held(meeting=meeting)
    meeting.refresh_from_db()
    return meeting


def draft_minutes(world: World, **kwargs) -> Minutes:
    """Draft minutes of a ``held_meeting`` whose agenda is "Vaccination campaign"."""
    meeting = held_meeting(world, **kwargs)
    AgendaItem.objects.create(meeting=meeting, order=1, title_en="Vaccination campaign")
    return minutes_start(meeting=meeting, by=world.secretariat_x)


def submitted_minutes(world: World, **kwargs) -> Minutes:
    return minutes_submit(minutes=draft_minutes(world, **kwargs), by=world.secretariat_x)


def approved_minutes(world: World, **kwargs) -> Minutes:
    return minutes_approve(minutes=submitted_minutes(world, **kwargs), by=world.chair)


def circulated_minutes(world: World, **kwargs) -> Minutes:
    minutes = approved_minutes(world, **kwargs)
    minutes_circulate(minutes=minutes)
    minutes.refresh_from_db()
    return minutes


def make_project(*, owner, swg, by=None, publish=False, **fields):
    """A project that passes the quality check unless ``fields`` say otherwise."""
    import datetime as dt
    from decimal import Decimal

    from projects_db.models import District, ProjectParticipant, Transaction
    from projects_db.services.projects import project_create, project_publish

    values = {
        "title_en": "Primary health care in the south",
        "title_ar": "الرعاية الصحية الأولية في الجنوب",
        "description_en": "Clinics and training.",
        "dac_sector": "12220",
        "status": 2,
        "planned_start": dt.date(2025, 1, 1),
        "planned_end": dt.date(2026, 12, 31),
        "currency": "USD",
        "districts": [District.objects.get(code="LY-SB")],
        "participants": [
            {"organization": owner, "role": ProjectParticipant.Role.FUNDING},
            {"organization": owner, "role": ProjectParticipant.Role.IMPLEMENTING},
        ],
        "budgets": [
            {
                "period_start": dt.date(2025, 1, 1),
                "period_end": dt.date(2025, 12, 31),
                "value": Decimal(100_000),
                "currency": "USD",
            }
        ],
        "transactions": [
            {
                "type": Transaction.Type.COMMITMENT,
                "value": Decimal(80_000),
                "currency": "USD",
                "value_date": dt.date(2025, 1, 1),
            }
        ],
    }
    values.update(fields)
    project = project_create(owner=owner, swg=swg, by=by, **values)
    if publish:
        project_publish(project=project, by=by)
        project.refresh_from_db()
    return project


def make_document(world: World, *, title: str = "Health sector assessment", **fields):
    """A Health document for its members, filed as the secretariat would."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from swg.exchange.documents import PDF
    from swg.models import Document
    from swg.services.documents import document_upload
    from tests.support.documents import pdf_bytes

    values = {
        "swg": world.swg_x,
        "title": title,
        "category": Document.Category.REPORT,
        "document_date": timezone.localdate(),
        "language": Document.Language.EN,
        "visibility": Document.Visibility.MEMBERS,
        "upload": SimpleUploadedFile("assessment.pdf", pdf_bytes(title)),
        "content_type": PDF,
        "by": world.secretariat_x,
    }
    values.update(fields)
    return document_upload(**values)


def make_correspondence(world: World, *, reference: str = "IN-2026-001", **fields):
    """A Note Verbale from WHO to the ministry, through the Foreign Ministry."""
    from swg.models import Correspondence
    from swg.services.correspondence import correspondence_record

    values = {
        "reference": reference,
        "date": timezone.localdate(),
        "direction": Correspondence.Direction.INCOMING,
        "from_organization": world.org_a,
        "to_organization": world.ministry,
        "subject_en": "Approval of the work plan",
        "channel": Correspondence.Channel.MFA,
        "kind": Correspondence.Kind.NOTE_VERBALE,
    }
    values.update(fields)
    return correspondence_record(**values)


def tor_text(label: str = "v1") -> dict[str, str]:
    """Every section of a TOR in English and Arabic, marked with ``label``."""
    from swg.models.tors import SECTION_KEYS

    text = {}
    for key in SECTION_KEYS:
        text[f"{key}_en"] = f"The group's {key} ({label})."
        text[f"{key}_ar"] = f"نص القسم {key} ({label})."
    return text


def make_tor(world: World, *, swg=None, status="draft", text=None):
    """A TOR version of Health (or of ``swg``; the generic TOR with ``swg=False``)
    in ``status``, written in both languages, through the services."""
    from swg.services.tors import tor_draft_save, tor_draft_start, tor_endorse, tor_review

    swg = world.swg_x if swg is None else (swg or None)
    version = tor_draft_start(swg=swg, by=world.secretariat_x)
    version = tor_draft_save(version=version, sections=text or tor_text(), by=world.secretariat_x)
    if status in ("reviewed", "endorsed"):
        version = tor_review(version=version, by=world.secretariat_x)
    if status == "endorsed":
        version = tor_endorse(version=version, by=world.chair if swg else world.admin)
    return version


# ---------------------------------------------------------------- progress reports


def report_period_of(day):
    """The quarter of ``day`` as a reports Period."""
    from coordination.periods import Period

    return Period.parse(f"{day.year}Q{(day.month - 1) // 3 + 1}")


def make_report(world: World, *, swg=None, period=None, **narrative):
    """Health's progress report for the quarter a week ago (or as told), opened
    by its secretariat, with ``narrative`` sections (``summary_en=…``)."""
    from reports.services.reports import report_narrative_save, report_open

    period = period or report_period_of(timezone.localdate() - dt.timedelta(days=7))
    report = report_open(swg=swg or world.swg_x, period=period, by=world.secretariat_x)
    if narrative:
        report = report_narrative_save(report=report, values=narrative, by=world.secretariat_x)
    return report


def make_tco(*, contacts=2):
    """The MoP Technical Cooperation Office with ``contacts`` people: the recipient
    of progress reports."""
    from reports.models import ReportRecipient

    office = OrganizationFactory(
        name_en="Technical Cooperation Office",
        name_ar="مكتب التعاون الفني",
        acronym="TCO",
        org_type=Organization.Type.MINISTRY,
    )
    people = [
        ContactFactory(
            organization=office, email=f"tco{n}@planning.example", preferred_language=lang
        )
        for n, lang in zip(range(contacts), ["ar", "en", "ar", "en"], strict=False)
    ]
    ReportRecipient.objects.create(organization=office)
    return office, people


def make_indicator(world: World, *, swg=None, projects=(), **fields):
    """A joint indicator of Health (swg_x) under a goal and an objective of its own."""
    from projects_db.services.results import goal_save, indicator_save, objective_save

    swg = swg or world.swg_x
    goal = goal_save(swg=swg, by=world.coordination, text_en="Basic health care for everybody")
    objective = objective_save(
        goal=goal, by=world.coordination, text_en="Clinics open in the south"
    )
    values = {
        "objective": objective,
        "name_en": "Clinics open in the southern districts",
        "unit": "clinics",
        "baseline_value": 40,
        **fields,
    }
    return indicator_save(swg=swg, by=world.coordination, projects=list(projects), **values)
