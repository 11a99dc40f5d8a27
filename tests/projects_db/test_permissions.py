import pytest

from accounts.models import User
from projects_db.models import Project
from swg import permissions
from tests.factories import UserFactory, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):
    return make_project(owner=world.org_a, swg=world.swg_x)


@pytest.fixture
def published(world):
    return make_project(owner=world.org_a, swg=world.swg_x, publish=True)


def visible(user):
    return set(permissions.scope(user, Project.objects.all()))


def test_a_draft_is_seen_by_its_organization_its_swg_and_coordination(world, draft):
    for user in (
        world.partner_a,
        world.secretariat_x,
        world.chair,
        world.coordination,
        world.admin,
    ):
        assert draft in visible(user), user
    for user in (world.partner_b, world.secretariat_y):
        assert draft not in visible(user), user


def test_a_published_project_is_seen_by_everyone_signed_in(world, published):
    for user in world.users().values():
        assert published in visible(user)


def test_a_government_user_without_appointment_sees_published_only(world, draft, published):
    plain = UserFactory(kind=User.Kind.GOVERNMENT)
    assert visible(plain) == {published}


def test_another_organizations_published_project_is_read_only(world, published):
    assert permissions.can(world.partner_b, "project.view", published)
    assert not permissions.can(world.partner_b, "project.change", published)


def test_the_owner_and_the_swg_secretariat_may_change(world, draft):
    for user in (world.partner_a, world.secretariat_x, world.coordination, world.admin):
        assert permissions.can(user, "project.change", draft), user
        assert permissions.can(user, "project.publish", draft), user
    for user in (world.partner_b, world.secretariat_y, world.chair):
        assert not permissions.can(user, "project.change", draft), user


def test_a_partner_without_organization_may_not_create(world):
    nobody = UserFactory(kind=User.Kind.PARTNER, organization=None)
    assert not permissions.can(nobody, "project.create")
    assert permissions.can(world.partner_a, "project.create")


def test_the_edit_page_of_another_organizations_draft_is_a_404(client, world, draft):
    client.force_login(world.partner_b)
    assert client.get(f"/projects/{draft.pk}/edit/").status_code == 404


def test_the_edit_page_of_another_organizations_published_project_is_a_403(
    client, world, published
):
    client.force_login(world.partner_b)
    assert client.get(f"/projects/{published.pk}/").status_code == 200
    assert client.get(f"/projects/{published.pk}/edit/").status_code == 403
