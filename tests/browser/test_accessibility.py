"""WCAG 2.1 AA on every page, in English and in Arabic (DESIGN §1: ministry staff
and partners use the portal with a keyboard or a screen reader, in either language).

axe-core (tests/support/axe.py) checks every page of the URL configuration
(tests/support/urls.py, as the phone walk does) in both languages, and the test
fails on any serious or critical violation, naming the page, the rule and the
element. Each page is checked once per language, as the first role that can open
it (secretariat, then coordination team, chair, partner, then signed out); every
role's home page is checked as that role, since each role has its own.
"""

import pytest
from django.test import Client

from tests.factories import PASSWORD
from tests.support.axe import axe_violations
from tests.support.browser import BROWSER_DB, login
from tests.support.urls import page_routes, sample_objects, sample_url

pytestmark = [pytest.mark.browser, *BROWSER_DB]


def _answers_html(client, url) -> bool:
    response = client.get(url)
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def _pages_per_role(world, objects) -> dict:
    """Role name → (user or None, the URLs to check as that role)."""
    urls = [sample_url(route, objects) for route in page_routes()]
    assert None not in urls, "give every route sample arguments in tests/support/urls.py"
    roles = {
        "secretariat": world.secretariat_x,
        "coordination": world.coordination,
        "chair": world.chair,
        "partner": world.partner_a,
        "signed out": None,
    }
    seen, plan = set(), {}
    for name, user in roles.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        mine = ["/"] if user is not None else []
        for url in urls:
            if url not in seen and url != "/" and _answers_html(client, url):
                mine.append(url)
                seen.add(url)
        plan[name] = (user, mine)
    return plan


def _check(page, live_server, urls, language) -> list[str]:
    found = []
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        assert page.locator("html").get_attribute("lang") == language, url
        found += [f"[{language}] {url}: {line}" for line in axe_violations(page)]
    return found


def _set_language(page, live_server, user, language):
    if user is not None:
        user.language = language
        user.save(update_fields=["language"])
    page.goto(f"{live_server.url}/accounts/login/" if user is None else f"{live_server.url}/")
    if page.locator("html").get_attribute("lang") != language:
        page.get_by_test_id("switch-language").click()
        page.wait_for_load_state()


def test_every_page_passes_axe_in_english_and_arabic(page, live_server, world):
    objects = sample_objects(world)
    plan = _pages_per_role(world, objects)
    assert sum(len(urls) for _, urls in plan.values()) > 60

    browser = page.context.browser
    found = []
    for name, (user, urls) in plan.items():
        context = browser.new_context(base_url=live_server.url, locale="en-US")
        role_page = context.new_page()
        try:
            if user is not None:
                login(role_page, live_server, user.email, PASSWORD)
            for language in ("en", "ar"):
                _set_language(role_page, live_server, user, language)
                found += [
                    f"{name} {line}" for line in _check(role_page, live_server, urls, language)
                ]
        finally:
            context.close()

    assert not found, f"{len(found)} serious or critical axe violations:\n" + "\n".join(found)
