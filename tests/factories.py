"""Factories and the named people every test can use."""

import datetime as dt
from dataclasses import dataclass

import factory
from django.utils import timezone

from accounts.models import User
from swg.models import (
    SWG,
    AgendaItem,
    Contact,
    Meeting,
    Membership,
    Minutes,
    Organization,
    SWGAppointment,
)
from swg.services.meetings import agenda_item_add, meeting_plan
from swg.services.memberships import membership_add

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
        swg=swg_x, role=Membership.Role.CHAIR, contact=contact_gov, task="Chairs the group"
    )
    membership_add(
        swg=swg_x,
        role=Membership.Role.TECHNICAL_LEAD,
        organization=org_a,
        contact=contact_a,
        task="Technical advice on primary health care",
    )
    membership_add(
        swg=swg_y,
        role=Membership.Role.MEMBER,
        organization=org_b,
        contact=contact_b,
        task="Reports EU education funding",
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
    past = timezone.now() - dt.timedelta(days=7)
    held = Meeting.objects.create(
        swg=world.swg_x,
        title_en="Held Health SWG",
        starts_at=past,
        ends_at=past + dt.timedelta(hours=2),
        status=Meeting.Status.HELD,
    )
    minutes = Minutes.objects.create(meeting=held, version=1)
    return HealthMeetings(planned, agenda_item, held, minutes)


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
