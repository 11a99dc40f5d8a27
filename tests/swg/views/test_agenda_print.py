"""Agenda items carry a time, and the agenda prints (DESIGN §3 "Meeting")."""

import datetime as dt
from pathlib import Path

from django.conf import settings

from swg.models import AgendaItem
from swg.services.meetings import agenda_item_add
from tests.factories import make_meeting


def test_an_item_is_added_with_its_time_and_presenter(client, world):
    meeting = make_meeting(world, days_ago=-7)
    client.force_login(world.secretariat_x)
    client.post(
        f"/meetings/{meeting.pk}/agenda/",
        {
            "form": "item",
            "time": "10:30",
            "title_en": "Vaccination campaign",
            "presenter": world.contact_a.pk,
        },
    )
    item = AgendaItem.objects.get(meeting=meeting)
    assert (item.time, item.presenter) == (dt.time(10, 30), world.contact_a)


def test_the_printable_agenda_shows_times_and_presenters(client, world):
    meeting = make_meeting(world, days_ago=-7)
    agenda_item_add(meeting=meeting, title_en="Welcome", time=dt.time(10, 0))
    agenda_item_add(
        meeting=meeting,
        title_en="Vaccination campaign",
        time=dt.time(10, 15),
        presenter=world.contact_a,
    )
    client.force_login(world.partner_a)
    response = client.get(f"/meetings/{meeting.pk}/agenda/print/")
    assert response.status_code == 200
    html = response.text
    assert html.index("10:00") < html.index("Welcome") < html.index("10:15")
    assert "Amina Haddad" in html
    assert "(<bdi>WHO</bdi>)" in html
    assert "data-print" in html and "d-print-none" in html


def test_the_print_stylesheet_has_an_agenda_section():
    css = (Path(settings.BASE_DIR) / "static/css/portal.css").read_text()
    section = css[css.index("Print: agendas") :]
    assert "@media print" in section and ".agenda-print-table" in section
