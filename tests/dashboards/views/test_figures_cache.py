"""The dashboards' figures come from the cache while the data is unchanged, and
a write, whichever way it is made, shows on the next view
(dashboards/selectors/cache.py)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from swg.models import Meeting
from tests.factories import held_meeting, make_meeting


def _summary(html: str) -> str:
    return html.split('data-testid="home-summary"', 1)[1]


def _held(client, url="/dashboards/?swg=health"):
    html = client.get(url).text
    figure = html.split('data-testid="figure-meetings"', 1)[1].split("</section>", 1)[0]
    row = figure.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    return row.split('<td class="text-end">')[1:]


def test_the_same_figures_are_read_from_the_cache(client, world):
    held_meeting(world)
    client.force_login(world.coordination)
    client.get("/dashboards/")
    with CaptureQueriesContext(connection) as first:
        client.get("/dashboards/overview/")
    with CaptureQueriesContext(connection) as second:
        client.get("/dashboards/overview/")
    assert len(second) < len(first)


def test_a_meeting_held_shows_on_the_next_view(client, world):
    held_meeting(world, days_ago=10)
    meeting = make_meeting(world, days_ago=5)
    client.force_login(world.coordination)
    assert _held(client)[:2] == ["2</td>", "1</td>"]  # planned, held
    # Written without save(): the data version still moves (a database trigger).
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    assert _held(client)[:2] == ["2</td>", "2</td>"]


def test_the_coordination_home_shows_a_new_meeting_at_once(client, world):
    client.force_login(world.coordination)
    before = _summary(client.get("/").text)
    held_meeting(world, days_ago=3)
    assert _summary(client.get("/").text) != before
