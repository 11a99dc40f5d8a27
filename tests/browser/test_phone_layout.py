"""No page is wider than a 390 px phone, in English or in Arabic (DESIGN §1: the
secretariat and partners work from their phones; the layout flips in Arabic, where
an overflow hides the menu button, the title and the first column).

Every page of the URL configuration (tests/support/urls.py) is opened as the Health
secretariat at 390×844 in both languages, with the long names real data has, and
``document.documentElement.scrollWidth`` must not pass the screen's width: tables
scroll inside their own box (``.table-responsive``) and long words wrap.

The walk keeps a screenshot of each main page in each language (``MAIN_PAGES``) as a
test artifact: ``$TEST_ARTIFACTS_DIR/phone/`` (default ``var/test-artifacts/phone/``,
ignored by git), named ``<language>-<route>.png``, to look at after a run.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import PASSWORD
from tests.support.browser import BROWSER_DB, login
from tests.support.urls import page_routes, sample_objects, sample_url

pytestmark = [pytest.mark.browser, *BROWSER_DB]

PHONE = {"width": 390, "height": 844}

# The pages whose phone screenshots are kept: what each role opens most.
MAIN_PAGES = (
    "home",
    "swg:list",
    "swg:detail",
    "swg:contact_list",
    "swg:meeting_detail",
    "swg:meeting_agenda",
    "swg:attendance_sheet",
    "swg:minutes_detail",
    "swg:swg_action_points",
    "swg:calendar_list",
    "swg:document_list",
    "swg:notification_list",
    "projects_db:project_list",
    "projects_db:project_detail",
    "projects_db:update_list",
    "reports:index",
    "dashboards:help",
)


def artifacts_dir() -> Path:
    """Where phone screenshots go: ``$TEST_ARTIFACTS_DIR/phone`` or ``var/test-artifacts/phone``."""
    root = (
        os.environ.get("TEST_ARTIFACTS_DIR") or Path(settings.BASE_DIR) / "var" / "test-artifacts"
    )
    folder = Path(root) / "phone"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _pages(world, objects) -> tuple[list[str], list[str], dict[str, str]]:
    """The sample URLs that answer the secretariat with an HTML page, the routes
    that have no sample arguments yet, and the main pages' URLs → route names."""
    client = Client()
    client.force_login(world.secretariat_x)
    pages, unresolved, main = [], [], {}
    for route in page_routes():
        url = sample_url(route, objects)
        if url is None:
            unresolved.append(route.name)
            continue
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(url)
            if route.name in MAIN_PAGES:
                main[url] = route.name
    return pages, unresolved, main


def _too_wide(page, live_server, urls, main, language) -> dict[str, int]:
    widths = {}
    folder = artifacts_dir()
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            widths[url] = width
        if url in main:
            name = main[url].replace(":", "-")
            page.screenshot(path=folder / f"{language}-{name}.png", full_page=True)
    return widths


def test_no_page_is_wider_than_a_phone_in_english_or_arabic(page, live_server, world):
    objects = sample_objects(world)
    urls, unresolved, main = _pages(world, objects)
    assert not unresolved, (
        f"give these routes sample arguments in tests/support/urls.py: {unresolved}"
    )
    assert len(urls) > 40  # the walk reached the pages, not only the redirects

    for old in artifacts_dir().glob("*.png"):  # only this run's screenshots are kept
        old.unlink()
    page.set_viewport_size(PHONE)
    login(page, live_server, world.secretariat_x.email, PASSWORD)
    english = _too_wide(page, live_server, urls, main, "en")
    world.secretariat_x.language = "ar"
    world.secretariat_x.save(update_fields=["language"])
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    arabic = _too_wide(page, live_server, urls, main, "ar")

    assert (english, arabic) == ({}, {})
    # Every main page was opened and kept, in both languages.
    assert set(main.values()) == set(MAIN_PAGES)
    kept = {path.name for path in artifacts_dir().glob("*.png")}
    expected = {
        f"{lang}-{name.replace(':', '-')}.png" for lang in ("en", "ar") for name in MAIN_PAGES
    }
    assert expected <= kept
