"""Playwright against pytest-django's ``live_server``: a ``page`` fixture and ``login``.

Loaded as a plugin by conftest.py, so ``page`` is available to every test;
import ``login`` and ``BROWSER_DB`` where needed.
Playwright's sync API runs an event loop in the main thread while it is started, so
Django's ORM needs DJANGO_ALLOW_ASYNC_UNSAFE (set in conftest.py). Playwright is
started and stopped around each test so that no event loop outlives a browser test.

Browser tests use the live server, hence a transactional database; conftest.py
reloads the reference SWGs that the flush after such a test removes.
"""

import re

import pytest
from django.db import connections

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000

# The mark every browser test module needs: the live server needs committed data.
BROWSER_DB = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(chromium_path, live_server):
    """A fresh browser context (downloads allowed, English browser) per test."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    browser = context = None
    try:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            accept_downloads=True, base_url=live_server.url, locale="en-US"
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        yield context.new_page()
    finally:
        if context is not None:
            context.close()
        if browser is not None:
            browser.close()
        # While Playwright runs, asyncio reports a running loop in this thread, so
        # Django keeps this thread's connections in separate (context-var) storage.
        # Close them now: after stop() nothing could reach them, the PostgreSQL
        # session would leak and DROP DATABASE at the end of the run would fail.
        connections.close_all()
        playwright.stop()


def login(page, live_server, email: str, password: str):
    """Sign in through the login form; returns once the login page is left."""
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/accounts/login/")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    return page


__all__ = [
    "BROWSER_DB",
    "CHROMIUM_ARGS",
    "login",
    "page",
]
