"""The benchmark (bench/, ``make bench``): its walk reaches every page of the URL
configuration, it runs in its smoke mode, and the pages it found over target run
the same queries with ten times the data. No timing is asserted anywhere."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.pages import measure, walk
from dashboards.generate import grow
from tests.support.urls import page_routes, sample_objects


def test_the_walk_measures_every_named_page(world):
    pages, missing = walk(sample_objects(world))
    assert missing == []  # a new page needs sample arguments in tests/support/urls.py
    assert {name for name, _ in pages} == {route.name for route in page_routes()}


def test_the_smoke_run_prints_a_line_per_page_and_the_summary(db, tmp_path):
    lines = []
    results = measure(
        size="S", repeats=1, roles=("secretariat",), out=lines.append, results_dir=tmp_path
    )
    assert any(line.startswith("secretariat   swg:detail ") for line in lines)
    assert lines[-1].startswith("worst ratio at M: not measured, at L: not measured;")
    assert "pages over target: " in lines[-1]
    assert (tmp_path / "pages-S.json").exists() and results


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.text


@pytest.mark.parametrize("who", ["secretariat_x", "coordination", "partner_a"])
def test_the_pages_with_growing_tables_run_the_same_queries_at_ten_times_the_data(
    client, world, who
):
    from swg.models import ActionPoint, Meeting

    objects = sample_objects(world)
    urls = [
        f"/meetings/{objects['held']}/",
        f"/meetings/{objects['held']}/panel/",
        f"/swg/{world.swg_x.slug}/action-points/",
        f"/organizations/{world.org_a.pk}/action-points/",
        f"/swg/{world.swg_x.slug}/",
        f"/swg/{world.swg_x.slug}/contacts/",
    ]
    if who != "partner_a":
        urls.append("/outbox/")
    client.force_login(getattr(world, who))
    # Twice: enough members that the group's first page of contacts is all
    # members (no focal points below them), as it stays with ten times the data.
    grow(scale=0.005, seed=1)
    grow(scale=0.005, seed=3)
    before = {url: _queries(client, url) for url in urls}
    grow(scale=0.05, seed=2)
    assert ActionPoint.objects.filter(swg=world.swg_x).count() > 100
    assert Meeting.objects.filter(swg=world.swg_x).count() > 150
    for url in urls:
        count, text = _queries(client, url)
        assert count == before[url][0], url
        assert text.count("data-action-point=") <= 25 + 10, url  # one page, bounded
