"""An action point moves on with a status and a progress note; its page shows
each change with who made it and when (DESIGN §3 "Meeting": action points
carried from meeting to meeting until closed)."""

from swg.models import ActionPoint
from tests.factories import ActionPointFactory


def _status(client, point, **data):
    return client.post(f"/action-points/{point.pk}/status/", data, follow=True)


def test_the_owner_writes_a_progress_note_with_the_status(client, world):
    point = ActionPointFactory(swg=world.swg_x, owner_organization=world.org_a)
    client.force_login(world.partner_a)
    response = _status(
        client, point, status="in_progress", note="Draft list shared with the ministry."
    )
    assert "Action point updated." in response.text
    point.refresh_from_db()
    assert (point.status, point.progress_note) == (
        ActionPoint.Status.IN_PROGRESS,
        "Draft list shared with the ministry.",
    )
    latest = point.history.latest()
    assert latest.history_user == world.partner_a


def test_a_note_alone_is_kept_too(client, world):
    point = ActionPointFactory(swg=world.swg_x, owner_organization=world.org_a)
    client.force_login(world.partner_a)
    _status(client, point, status="open", note="Waiting for the figures from Sabha.")
    point.refresh_from_db()
    assert point.progress_note == "Waiting for the figures from Sabha."
    assert point.history.count() == 2


def test_the_page_lists_each_note_with_who_and_when(client, world):
    point = ActionPointFactory(swg=world.swg_x, owner_organization=world.org_a)
    client.force_login(world.partner_a)
    _status(client, point, status="in_progress", note="First draft sent.")
    client.force_login(world.secretariat_x)
    _status(client, point, status="done", note="Final list received.")
    response = client.get(f"/action-points/{point.pk}/")
    assert response.status_code == 200
    html = response.text
    progress = html[html.index('data-testid="action-point-progress"') :]
    assert progress.index("Final list received.") < progress.index("First draft sent.")
    assert str(world.partner_a) in progress and str(world.secretariat_x) in progress
    assert "Done" in progress and "In progress" in progress


def test_a_partner_of_another_organization_cannot_see_it(client, world):
    point = ActionPointFactory(swg=world.swg_x, owner_organization=world.org_a)
    client.force_login(world.partner_b)
    assert client.get(f"/action-points/{point.pk}/").status_code == 404


def test_the_list_links_to_the_page_and_shows_the_latest_note(client, world):
    point = ActionPointFactory(
        swg=world.swg_x, owner_organization=world.org_a, progress_note="Half the clinics mapped."
    )
    client.force_login(world.secretariat_x)
    html = client.get(f"/swg/{world.swg_x.slug}/action-points/").text
    assert f'href="/action-points/{point.pk}/"' in html
    assert "Half the clinics mapped." in html
