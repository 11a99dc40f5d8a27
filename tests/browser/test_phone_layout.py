"""No page is wider than a 390 px phone, in English or in Arabic (DESIGN §1: the
secretariat and partners work from their phones; the layout flips in Arabic, where
an overflow hides the menu button, the title and the first column).

Every page of the URL configuration (tests/support/urls.py) is opened as the Health
secretariat at 390×844 in both languages, with the long names real data has, and
``document.documentElement.scrollWidth`` must not pass the screen's width: tables
scroll inside their own box (``.table-responsive``) and long words wrap.
"""

import pytest
from django.test import Client

from tests.factories import PASSWORD
from tests.support.browser import BROWSER_DB, login
from tests.support.urls import page_routes, sample_objects, sample_url

pytestmark = [pytest.mark.browser, *BROWSER_DB]

PHONE = {"width": 390, "height": 844}


def _pages(world, objects) -> tuple[list[str], list[str]]:
    """The sample URLs that answer the secretariat with an HTML page, and the
    routes that have no sample arguments yet."""
    client = Client()
    client.force_login(world.secretariat_x)
    pages, unresolved = [], []
    for route in page_routes():
        url = sample_url(route, objects)
        if url is None:
            unresolved.append(route.name)
            continue
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(url)
    return pages, unresolved


def _too_wide(page, live_server, urls) -> dict[str, int]:
    widths = {}
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            widths[url] = width
    return widths


def test_no_page_is_wider_than_a_phone_in_english_or_arabic(page, live_server, world):
    objects = sample_objects(world)
    urls, unresolved = _pages(world, objects)
    assert not unresolved, (
        f"give these routes sample arguments in tests/support/urls.py: {unresolved}"
    )
    assert len(urls) > 40  # the walk reached the pages, not only the redirects

    page.set_viewport_size(PHONE)
    login(page, live_server, world.secretariat_x.email, PASSWORD)
    english = _too_wide(page, live_server, urls)
    world.secretariat_x.language = "ar"
    world.secretariat_x.save(update_fields=["language"])
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    arabic = _too_wide(page, live_server, urls)

    assert (english, arabic) == ({}, {})
