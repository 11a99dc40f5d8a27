"""The group's people offered before any search: members in person and every
active person of a member organization without a named person, no one else."""

from swg.models import Membership
from swg.selectors.search import group_people
from swg.services.memberships import membership_add
from tests.factories import ContactFactory, OrganizationFactory


def test_group_people_are_its_members_in_person_and_of_member_organizations(world):
    in_person = ContactFactory(name_en="In Person")
    membership_add(swg=world.swg_x, role=Membership.Role.MEMBER, contact=in_person)
    member_org = OrganizationFactory()
    membership_add(swg=world.swg_x, role=Membership.Role.MEMBER, organization=member_org)
    ContactFactory(organization=member_org, name_en="Staff")
    ContactFactory(organization=member_org, name_en="Gone", is_active=False)
    ContactFactory(name_en="Outsider")
    ended = ContactFactory(name_en="Ended")
    membership_add(swg=world.swg_x, role=Membership.Role.MEMBER, contact=ended)
    Membership.objects.filter(contact=ended).update(start_date="2000-01-01", end_date="2001-01-01")

    names = {c.name_en for c in group_people(swg=world.swg_x)}

    assert {"In Person", "Staff"} <= names
    assert not names & {"Gone", "Outsider", "Ended"}
    assert [c.name_en for c in group_people(swg=world.swg_x, organization_id=member_org.pk)] == [
        "Staff"
    ]
