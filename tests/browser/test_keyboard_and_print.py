"""Keyboard-only use, visible focus, announced form errors and the printed page
(README "Accessibility and print"; WCAG 2.1 AA 2.1.1, 2.4.1, 2.4.7, 3.3.1).

The Health secretariat signs in, opens a meeting and adds an agenda item with the
Tab, Enter and Space keys only; the focused link shows an outline; a form sent with
mistakes moves the focus to its error summary, whose links lead to the fields; and
printed, a meeting page and a list show their content without the menu, the
buttons, the filters or the pagination.
"""

import re

import pytest
from playwright.sync_api import expect

from swg.models import Meeting
from tests.factories import PASSWORD, build_health_meetings, make_meeting
from tests.support.browser import BROWSER_DB, login

pytestmark = [pytest.mark.browser, *BROWSER_DB]

FOCUSED = "document.activeElement"


def _tab_to(page, matches: str, limit: int = 120, key: str = "Tab") -> None:
    """Press Tab until the focused element satisfies the JavaScript ``matches``
    (an expression of ``el``)."""
    page.wait_for_load_state()
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(() => {{ const el = {FOCUSED}; return !!el && ({matches}); }})()"):
            return
    raise AssertionError(f"Tab never reached {matches}")


def test_sign_in_open_a_meeting_and_add_an_agenda_item_with_the_keyboard(page, live_server, world):
    meeting = make_meeting(world, days_ago=-7)

    page.goto(f"{live_server.url}/accounts/login/")
    # The email field has the focus: type, Tab to the password, Enter.
    expect(page.locator("main input[name=username]")).to_be_focused()
    page.keyboard.type(world.secretariat_x.email)
    page.keyboard.press("Tab")
    expect(page.locator("main input[name=password]")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    # The first Tab stop is "Skip to content", shown while focused; it leads to main.
    page.keyboard.press("Tab")
    skip = page.get_by_test_id("skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.querySelector('main').contains({FOCUSED})")

    # The working groups (the menu), Health, then the meeting: links, by Enter.
    _tab_to(page, "el.matches(\"nav a[href='/swg/']\")")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/swg/")
    _tab_to(page, f"el.matches(\"main a[href='{world.swg_x.get_absolute_url()}']\")")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{world.swg_x.get_absolute_url()}")
    _tab_to(page, f"el.matches(\"main a[href='{meeting.get_absolute_url()}']\")")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{meeting.get_absolute_url()}")

    _tab_to(page, "el.matches(\"[data-testid=meeting-actions] a[href$='/agenda/']\")")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/agenda/$"))
    _tab_to(page, "el.name === 'title_en'")
    page.keyboard.type("Vaccination campaign")
    page.keyboard.press("Tab")
    page.keyboard.type("حملة التطعيم")
    # To the form's button, pressed with the space bar.
    _tab_to(
        page,
        "el.type === 'submit' && !!el.form && !!el.form.elements.namedItem('title_en')",
    )
    page.keyboard.press("Space")
    expect(page.get_by_role("alert")).to_contain_text("Item added to the agenda.")
    assert list(meeting.agenda_items.values_list("title_en", "title_ar")) == [
        ("Vaccination campaign", "حملة التطعيم")
    ]


def test_the_focused_link_has_a_visible_outline(page, live_server, world):
    login(page, live_server, world.secretariat_x.email, PASSWORD)
    _tab_to(page, "el.matches(\"nav a[href='/swg/']\")")
    outline = page.evaluate(
        f"(() => {{ const s = getComputedStyle({FOCUSED}); "
        "return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; })()"
    )
    assert outline[0] == "solid" and outline[1] >= 2, outline
    # White on the blue menu bar, not the bar's own colour.
    assert outline[2] == "rgb(255, 255, 255)", outline

    # In the page's content the outline is dark on the light background.
    page.goto(f"{live_server.url}/swg/")
    page.locator("main a").first.focus()
    page.keyboard.press("Tab")
    style = page.evaluate(
        f"(() => {{ const s = getComputedStyle({FOCUSED}); "
        "return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; })()"
    )
    assert style == ["solid", 3.0, "rgb(33, 37, 41)"], style


def test_a_form_with_mistakes_moves_the_focus_to_its_linked_error_summary(page, live_server, world):
    login(page, live_server, world.secretariat_x.email, PASSWORD)
    page.goto(f"{live_server.url}/swg/health/meetings/new/")
    page.get_by_label("Title (English)").fill("Ends before it starts")
    page.get_by_label("Starts at").fill("2026-12-15T12:00")
    page.get_by_label("Ends at").fill("2026-12-15T10:00")
    page.get_by_role("button", name="Save", exact=True).click()

    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    ends = page.get_by_label("Ends at")
    expect(ends).to_have_attribute("aria-invalid", "true")
    error_id = ends.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{error_id}")).to_have_text("The meeting must end after it starts.")
    expect(page.get_by_label("Starts at")).not_to_have_attribute("aria-invalid", "true")

    # The summary's link, reached with Tab, leads to the field.
    page.keyboard.press("Tab")
    link = summary.get_by_role("link", name="Ends at: The meeting must end after it starts.")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#id_ends_at$"))
    assert not Meeting.objects.filter(title_en="Ends before it starts").exists()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_meeting_page_and_a_list_print_without_menu_buttons_or_filters(
    page, live_server, world, lang
):
    meetings = build_health_meetings(world)
    world.secretariat_x.language = lang
    world.secretariat_x.save(update_fields=["language"])
    login(page, live_server, world.secretariat_x.email, PASSWORD)
    page.emulate_media(media="print")

    page.goto(f"{live_server.url}{meetings.held.get_absolute_url()}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_test_id("meeting-when")).to_be_visible()
    buttons = page.locator("main .btn, main button")
    assert buttons.count() > 0
    for index in range(buttons.count()):
        expect(buttons.nth(index)).to_be_hidden()

    page.goto(f"{live_server.url}/contacts/")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.locator("main form[method=get]").first).to_be_hidden()  # the filters
    expect(page.locator("main table").first).to_be_visible()
    expect(page.locator("main table tbody tr").first).to_be_visible()
    expect(page.locator(".pagination")).to_have_count(page.locator(".pagination").count())
    for index in range(page.locator(".pagination").count()):
        expect(page.locator(".pagination").nth(index)).to_be_hidden()
    # A table fits an A4 page's width (about 718 px between 1.5 cm margins at 96 dpi).
    page.set_viewport_size({"width": 718, "height": 1000})
    width = page.evaluate("document.querySelector('main table').scrollWidth")
    assert width <= 718, width
