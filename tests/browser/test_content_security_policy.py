"""Content-Security-Policy in a real browser: the main pages load and work
(menu, dropdown, htmx panels, progress bar, confirm dialogs) with no violation
reported, and an injected inline script does not run."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from swg.models import CalendarToken, ImportJob
from swg.services.calendar_feeds import calendar_token_create
from tests.factories import PASSWORD, build_health_meetings
from tests.support.browser import BROWSER_DB, login

pytestmark = [pytest.mark.browser, *BROWSER_DB]

# Runs before any page script: collects what the browser refused.
COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, recording CSP violations (events and console errors)."""
    console: list[str] = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.add_init_script(COLLECT_VIOLATIONS)
    page.console_errors = console
    return page


def _violations(page) -> list[str]:
    return page.evaluate("window.__csp") + page.console_errors


def _visit(page, live_server, path: str) -> None:
    response = page.goto(f"{live_server.url}{path}")
    assert response is not None and response.status == 200, path
    page.wait_for_load_state("networkidle")
    assert _violations(page) == [], path


@pytest.fixture
def pages(world):
    """Health's planned and held meetings, a running import, a calendar address."""
    meetings = build_health_meetings(world)
    job = ImportJob.objects.create(
        original_name="contacts.csv",
        created_by=world.secretariat_x,
        status=ImportJob.Status.RUNNING,
        progress=40,
    )
    job.file.save("contacts.csv", ContentFile(b"email,organization\n"))
    calendar_token_create(user=world.secretariat_x)
    return {
        "planned": meetings.planned,
        "held": meetings.held,
        "minutes": meetings.minutes,
        "job": job,
    }


def _visit_as(page, live_server, user, paths: list[str]) -> None:
    page.context.clear_cookies()
    login(page, live_server, user.email, PASSWORD)
    for path in paths:
        _visit(page, live_server, path)


def test_the_main_pages_load_with_no_violation(watched, live_server, world, pages):
    page = watched
    _visit(page, live_server, "/accounts/login/")
    _visit(page, live_server, "/accounts/password/reset/")
    health, planned, held = world.swg_x.get_absolute_url(), pages["planned"].pk, pages["held"].pk
    minutes = f"/meetings/{held}/minutes/{pages['minutes'].pk}/"
    secretariat_pages = [
        "/",
        "/swg/",
        health,
        f"{health}contacts/",
        f"{health}meetings/",
        f"{health}meetings/month/",
        f"{health}action-points/",
        "/contacts/",
        f"/contacts/{world.contact_a.pk}/",
        "/contacts/import/",
        f"/contacts/import/{pages['job'].pk}/",
        "/organizations/",
        f"/organizations/{world.org_a.pk}/",
        "/calendar/",
        "/calendar/month/",
        "/calendar/subscribe/",
        f"/meetings/{planned}/",
        f"/meetings/{planned}/agenda/",
        f"/meetings/{planned}/invitations/",
        f"/meetings/{held}/",
        f"/meetings/{held}/attendance/",
        minutes,
        "/outbox/",
        "/accounts/password/change/",
    ]
    _visit_as(page, live_server, world.secretariat_x, secretariat_pages)
    admin_pages = [
        "/admin/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{world.partner_a.pk}/change/",
        "/admin/accounts/user/add/",
        "/admin/swg/contact/",
    ]
    _visit_as(page, live_server, world.admin, admin_pages)
    # The chair reads Arabic: the right-to-left stylesheet.
    _visit_as(page, live_server, world.chair, [f"{health}reassessment/", minutes])


def test_the_portals_scripts_work_under_the_policy(watched, live_server, world, pages):
    page = watched
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, world.secretariat_x.email, PASSWORD)

    # Bootstrap: the menu button, the "More" menu and the user's dropdown.
    page.locator(".navbar-toggler").click()
    expect(page.locator("#nav")).to_be_visible()
    page.get_by_test_id("nav-more").click()
    expect(page.locator("#nav .nav-item.dropdown .dropdown-menu")).to_be_visible()
    page.locator("#nav .btn.dropdown-toggle").click()
    expect(page.locator("#nav .dropdown-menu-end")).to_be_visible()

    # htmx polls the import while it runs; the bar is drawn from its data.
    job = pages["job"]
    page.goto(f"{live_server.url}/contacts/import/{job.pk}/")
    expect(page.locator("#import-progress .progress-bar")).to_have_attribute("data-progress", "40")
    # Bootstrap eases a bar's width over 0.6 s: read it once the transition has ended.
    page.wait_for_function(
        "() => !document.querySelector('#import-progress .progress-bar')"
        ".getAnimations().some((a) => a.transitionProperty === 'width')"
    )
    assert 0.35 < _bar_ratio(page) < 0.45
    ImportJob.objects.filter(pk=job.pk).update(progress=70)
    expect(page.locator("#import-progress .progress-bar")).to_have_attribute("data-progress", "70")
    page.wait_for_function(
        "() => { const b = document.querySelector('#import-progress .progress-bar');"
        " return b.getBoundingClientRect().width > 0.65 * b.parentElement.getBoundingClientRect().width; }"
    )

    # A confirm dialog: dismissed, nothing happens; accepted, the form is sent.
    page.goto(f"{live_server.url}/calendar/subscribe/")
    revoke = page.locator("form[data-confirm] button[type=submit]")
    page.once("dialog", lambda dialog: dialog.dismiss())
    revoke.click()
    expect(page).to_have_url(f"{live_server.url}/calendar/subscribe/")
    expect(revoke).to_have_count(1)
    assert CalendarToken.objects.filter(user=world.secretariat_x, revoked_at__isnull=True).exists()
    seen: list[str] = []
    page.once("dialog", lambda dialog: (seen.append(dialog.message), dialog.accept()))
    revoke.click()
    expect(page.locator("form[data-confirm]")).to_have_count(0)
    assert seen and "calendar" in seen[0].lower()

    assert _violations(page) == []


def _bar_ratio(page) -> float:
    return page.evaluate(
        "() => { const b = document.querySelector('#import-progress .progress-bar');"
        " return b.getBoundingClientRect().width / b.parentElement.getBoundingClientRect().width; }"
    )


def test_an_injected_inline_script_does_not_run(watched, live_server, world):
    page = watched
    login(page, live_server, world.partner_a.email, PASSWORD)

    ran = page.evaluate(
        """() => {
          const s = document.createElement("script");
          s.textContent = "window.__injected = true";
          document.body.appendChild(s);
          return window.__injected === true;
        }"""
    )

    assert ran is False
    assert any(re.match(r"script-src", v) for v in page.evaluate("window.__csp"))


def test_the_project_pages_and_the_api_docs_work_under_the_policy(watched, live_server, world):
    from tests.factories import make_project

    page = watched
    project = make_project(owner=world.org_a, swg=world.swg_x, by=world.partner_a, publish=True)
    paths = [
        "/projects/",
        f"/projects/{project.pk}/",
        f"/projects/{project.pk}/edit/",
        "/projects/new/",
        "/projects/portfolio/",
        "/projects/duplicates/",
        "/projects/api-token/",
        "/api/docs/",
    ]
    _visit_as(page, live_server, world.partner_a, paths)
    # Swagger UI is self-hosted and started by its own script file, not inline.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("SWG Coordination Portal API")
    assert _violations(page) == []
