"""Who receives the monthly schedule: active people of active groups and
partner focal points, each address once."""

from swg.models import FocalPoint, Membership
from swg.selectors.recipients import monthly_schedule_recipients
from swg.services.memberships import membership_add
from tests.factories import ContactFactory, UserFactory

EVERYONE = [
    "amina@who.example",  # technical lead of Health
    "coord@example.org",  # coordination team
    "khaled@moh.example",  # chair of Health
    "marco@eud.example",  # member of Education
    "partner.a@example.org",  # partner focal points
    "partner.b@example.org",
]


def test_recipients_are_active_people_of_active_groups_and_partners_once(world):
    focal = ContactFactory(organization=world.org_a, email="Sara@WHO.example", name_en="Sara")
    FocalPoint.objects.create(
        organization=world.org_a, contact=focal, purpose=FocalPoint.Purpose.SWG, swg=world.swg_x
    )
    # A member of both groups who also has a partner login: one entry.
    both = ContactFactory(email="both@example.org", preferred_language="ar")
    membership_add(swg=world.swg_x, role=Membership.Role.MEMBER, contact=both)
    membership_add(swg=world.swg_y, role=Membership.Role.MEMBER, contact=both)
    UserFactory(email="both@example.org", organization=world.org_a, language="en")
    inactive = ContactFactory(email="gone@example.org", is_active=False)
    membership_add(swg=world.swg_x, role=Membership.Role.MEMBER, contact=inactive)
    UserFactory(email="left@example.org", organization=world.org_b, is_active=False)

    recipients = {r.email: r for r in monthly_schedule_recipients()}

    assert sorted(recipients) == sorted([*EVERYONE, "sara@who.example", "both@example.org"])
    assert recipients["both@example.org"].language == "ar"  # the contact record decides
    assert recipients["khaled@moh.example"].name == "Khaled Ben Omar"
    # Ministry staff without a contact record are not partners; their groups'
    # people are reached through the contact list.
    assert "sec.x@example.org" not in recipients and "chair@example.org" not in recipients
