"""The coordination dashboard, its exports and the one-page overview: who may
read which group's figures, a period without data, a single data point."""

import datetime as dt
import io
import json
import re

from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import ActionPointFactory, held_meeting, make_meeting
from tests.support.pdfs import pdf_pages, pdf_text


def charts(response) -> dict:
    block = re.search(
        r'<script id="dashboard-charts" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(block.group(1))


def test_it_shows_the_coordination_team_every_group(client, world):
    held_meeting(world)
    client.force_login(world.coordination)
    response = client.get("/dashboards/")
    assert response.status_code == 200
    labels = charts(response)["meetings"]["labels"]
    assert len(labels) == 7 and any("Health" in label for label in labels)


def test_it_shows_the_secretariat_only_its_groups(client, world):
    client.force_login(world.secretariat_x)
    labels = charts(client.get("/dashboards/"))["meetings"]["labels"]
    assert len(labels) == 1 and "Health" in labels[0]


def test_another_groups_dashboard_is_not_found(client, world):
    client.force_login(world.secretariat_x)
    assert client.get("/dashboards/?swg=education").status_code == 404
    assert client.get("/dashboards/export/meetings.xlsx?swg=education").status_code == 404
    assert client.get("/dashboards/overview/?swg=education").status_code == 404


def test_partners_have_no_dashboard(client, world):
    client.force_login(world.partner_a)
    assert client.get("/dashboards/").status_code == 403


def test_a_period_without_data_says_so(client, world):
    held_meeting(world)
    client.force_login(world.coordination)
    html = client.get("/dashboards/?start=2040-01-01&end=2040-03-31").content.decode()
    assert 'data-testid="no-data"' in html
    assert html.count("No data for this period.") >= 5


def test_a_single_data_point_is_drawn(client, world):
    held_meeting(world, days_ago=3)
    today = timezone.localdate()
    start = today - dt.timedelta(days=5)
    client.force_login(world.coordination)
    response = client.get(f"/dashboards/?swg=health&start={start}&end={today}")
    assert response.status_code == 200
    data = charts(response)
    assert data["meetings"]["labels"] == ["3. Health"]
    assert data["meetings"]["datasets"][1]["data"] == [1.0]
    assert len(data["trend"]["labels"]) in (1, 2)


def test_a_period_that_ends_before_it_starts_is_refused(client, world):
    client.force_login(world.coordination)
    html = client.get("/dashboards/?start=2026-05-01&end=2026-01-01").content.decode()
    assert "The period must start before it ends." in html


def test_each_figure_links_to_the_records_behind_it(client, world):
    meeting = held_meeting(world)
    ActionPointFactory(source_meeting=meeting, owner_organization=world.org_a, due_in_days=-3)
    client.force_login(world.coordination)
    html = client.get("/dashboards/?swg=health").content.decode()
    drill = re.search(r'href="([^"]+)" data-testid="drill-meetings"', html).group(1)
    listing = client.get(drill.replace("&amp;", "&")).content.decode()
    assert meeting.get_absolute_url() in listing
    drill = re.search(r'href="([^"]+)" data-testid="drill-action-points"', html).group(1)
    assert drill.startswith("/swg/health/action-points/")
    assert client.get(drill.replace("&amp;", "&")).status_code == 200


def test_a_figure_exports_as_xlsx(client, world):
    held_meeting(world)
    make_meeting(world, days_ago=2, status="cancelled")
    client.force_login(world.coordination)
    response = client.get("/dashboards/export/meetings.xlsx?swg=health")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Name", "Planned", "Held")
    assert rows[1][:3] == ("3. Health", 2, 1)


def test_an_unknown_figure_is_not_found(client, world):
    client.force_login(world.coordination)
    assert client.get("/dashboards/export/nothing.xlsx").status_code == 404


def test_the_overview_is_one_printable_page_in_english_and_arabic(client, world):
    held_meeting(world)
    client.force_login(world.coordination)
    html = client.get("/dashboards/overview/").content.decode()
    assert html.count("<svg") >= 6 and 'data-testid="overview-table"' in html
    english = client.get("/dashboards/overview.pdf").content
    assert pdf_pages(english) == 1
    assert "State of coordination" in pdf_text(english)
    assert "Health" in pdf_text(english)
    arabic = client.get("/dashboards/overview.pdf?language=ar").content
    assert pdf_pages(arabic) == 1
    assert world.swg_x.name_ar.split()[0] in pdf_text(arabic)


def test_the_coordination_teams_home_is_the_summary(client, world):
    client.force_login(world.coordination)
    html = client.get("/").content.decode()
    assert 'data-testid="home-summary"' in html
    assert "/dashboards/" in html
    client.force_login(world.secretariat_x)
    assert 'data-testid="home-summary"' not in client.get("/").content.decode()
