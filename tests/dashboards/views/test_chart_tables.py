"""Every chart has its numbers as a table (WCAG 1.1.1; README "Accessibility and
print"): a screen reader, a keyboard user and a printed page get the figures the
chart draws, row by row, under the chart's title."""

from lxml import html

from tests.dashboards.views.test_dashboard import charts
from tests.factories import held_meeting


def test_each_dashboard_chart_has_a_table_of_its_numbers(client, world):
    held_meeting(world)
    client.force_login(world.coordination)
    response = client.get("/dashboards/")
    page = html.fromstring(response.content.decode())
    drawn = charts(response)

    canvases = page.xpath("//canvas[@data-chart]")
    assert len(canvases) >= 4
    for canvas in canvases:
        key = canvas.get("data-chart")
        section = canvas.xpath("ancestor::section[1]")[0]
        title = section.xpath(".//h2")[0].text_content().strip()
        assert canvas.get("role") == "img" and canvas.get("aria-label") == title
        table = section.xpath(".//table")[0]
        assert table.xpath("caption")[0].text_content().strip() == title
        assert table.xpath("thead//th[@scope='col']")
        rows = table.xpath("tbody/tr/th[@scope='row']")
        assert len(rows) == len(drawn[key]["labels"]), key


def test_each_overview_chart_is_a_table_with_a_caption(client, world):
    held_meeting(world)
    client.force_login(world.coordination)
    page = html.fromstring(client.get("/dashboards/overview/").content.decode())
    boxes = page.xpath("//*[contains(@class, 'overview-chart')]")
    assert len(boxes) == 6
    for box in boxes:
        table = box.xpath(".//table")[0]
        assert table.xpath("caption")[0].text_content().strip()
        assert len(table.xpath(".//th[@scope='row']")) == 7  # one row per group
        assert all(
            svg.get("aria-hidden") == "true" for svg in table.xpath(".//*[local-name()='svg']")
        )
