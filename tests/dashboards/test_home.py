"""A partner's home page: the latest circulated minutes of their groups and
their organization's open action points (DESIGN §1 "Partner focal point")."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from swg.models import Membership, Minutes
from swg.services.memberships import membership_add
from swg.services.minutes import minutes_approve, minutes_circulate, minutes_correct, minutes_submit
from tests.factories import ActionPointFactory, circulated_minutes, draft_minutes, held_meeting


def point(world, meeting, description, *, owner=None, status="open"):
    return ActionPointFactory(
        source_meeting=meeting,
        description=description,
        owner_organization=owner or world.org_a,
        due_in_days=7,
        status=status,
    )


def _section(html, testid):
    return html.split(f'data-testid="{testid}"')[1].split(
        "</ul>" if "minutes" in testid else "</table>"
    )[0]


def test_it_shows_a_partner_the_latest_circulated_minutes(client, world):
    for days_ago in range(10, 70, 10):
        circulated_minutes(world, days_ago=days_ago)
    draft = draft_minutes(world, days_ago=3)
    client.force_login(world.partner_a)
    section = _section(client.get("/").text, "home-minutes")
    links = [
        m for m in Minutes.objects.order_by("-circulated_at") if m.get_absolute_url() in section
    ]
    assert len(links) == 5
    assert draft.get_absolute_url() not in section


def test_it_shows_a_circulated_correction_instead_of_the_version_it_corrects(client, world):
    v1 = circulated_minutes(world, days_ago=10)
    v2 = minutes_correct(minutes=v1)
    v2 = minutes_approve(minutes=minutes_submit(minutes=v2), by=world.chair)
    minutes_circulate(minutes=v2)
    client.force_login(world.partner_a)
    section = _section(client.get("/").text, "home-minutes")
    assert v2.get_absolute_url() in section and v1.get_absolute_url() not in section


def test_it_shows_the_organizations_open_action_points(client, world):
    meeting = held_meeting(world)
    point(world, meeting, "WHO open item")
    point(world, meeting, "WHO finished item", status="done")
    point(world, meeting, "EU item", owner=world.org_b)
    client.force_login(world.partner_a)
    section = _section(client.get("/").text, "home-action-points")
    assert "WHO open item" in section
    assert "WHO finished item" not in section and "EU item" not in section


def test_it_shows_nothing_of_this_to_the_secretariat(client, world):
    client.force_login(world.secretariat_x)
    assert 'data-testid="home-minutes"' not in client.get("/").text


def _queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_it_runs_a_fixed_number_of_queries_for_a_partner(
    client, world, django_assert_max_num_queries
):
    circulated_minutes(world, days_ago=10)
    meeting = held_meeting(world)
    point(world, meeting, "First")
    before = _queries(client, world.partner_a)
    for n in range(6):
        circulated_minutes(world, days_ago=20 + n)
        point(world, meeting, f"Item {n}")
    assert _queries(client, world.partner_a) == before
    with django_assert_max_num_queries(14):
        client.get("/")


def test_it_tells_the_groups_a_secretariat_manages_from_its_organizations(client, world):
    # The Ministry of Health is a member of Education too; secretariat_x runs Health only.
    membership_add(swg=world.swg_y, role=Membership.Role.MEMBER, organization=world.ministry)
    world.secretariat_x.organization = world.ministry
    world.secretariat_x.save()
    client.force_login(world.secretariat_x)
    html = client.get("/").content.decode()
    assert html.count('data-testid="badge-managed"') == 1
    assert html.count('data-testid="badge-member"') == 2
    assert "My group" not in html
    managed_card = html.split('data-testid="badge-managed"')[0].rsplit("card-title", 1)[1]
    assert world.swg_x.name_en in managed_card
