"""Form errors are announced and linked to their fields on every crispy form
(templates/bootstrap5/errors.html; README "Accessibility and print"): an error
summary on top (role="alert") links to each invalid field, and each invalid field
says so (aria-invalid) and points at its own message (aria-describedby). The
browser side (the focus moves to the summary) is in tests/browser/test_keyboard_and_print.py.
"""

import pytest
from django.test import Client
from lxml import html

from swg.models import Contact, Meeting

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _errors(response) -> tuple[dict, dict, list]:
    """(field id → its error text, link target → link text, invalid ids without a message)."""
    assert response.status_code == 200
    page = html.fromstring(response.content.decode())
    summaries = page.xpath("//*[@data-testid='error-summary']")
    assert len(summaries) == 1
    summary = summaries[0]
    assert summary.get("role") == "alert"
    links = {a.get("href"): a.text_content().strip() for a in summary.xpath(".//a")}
    messages, unlinked = {}, []
    for field in page.xpath("//*[@aria-invalid='true']"):
        described = [
            page.get_element_by_id(i, None) for i in field.get("aria-describedby", "").split()
        ]
        texts = [
            d.text_content().strip() for d in described if d is not None and "_error" in d.get("id")
        ]
        if texts:
            messages[field.get("id")] = " ".join(texts)
        else:
            unlinked.append(field.get("id"))
    for target in links:
        assert page.get_element_by_id(target.lstrip("#"), None) is not None, target
    return messages, links, unlinked


def test_the_contact_form_links_its_errors_to_the_email_and_organization(world):
    response = _client(world.secretariat_x).post(
        "/contacts/new/", {"name_en": "Salma Ali", "email": "not-an-address"}
    )
    messages, links, unlinked = _errors(response)

    assert unlinked == []
    assert {"id_email", "id_organization"} <= set(messages)
    assert set(links) == {f"#{field_id}" for field_id in messages}
    assert "Enter a valid email address." in messages["id_email"]
    assert "This field is required." in messages["id_organization"]
    assert links["#id_email"].endswith("Enter a valid email address.")
    assert links["#id_organization"].endswith("This field is required.")
    assert not Contact.objects.filter(name_en="Salma Ali").exists()


def test_the_meeting_form_links_its_error_to_the_end_time(world):
    response = _client(world.secretariat_x).post(
        "/swg/health/meetings/new/",
        {
            "title_en": "Ends before it starts",
            "kind": Meeting.Kind.choices[0][0],
            "is_formal": "on",
            "starts_at": "2026-12-15T12:00",
            "ends_at": "2026-12-15T10:00",
            "city": "tripoli",
        },
    )
    messages, links, unlinked = _errors(response)

    assert unlinked == []
    assert messages == {"id_ends_at": "The meeting must end after it starts."}
    assert links == {"#id_ends_at": "Ends at: The meeting must end after it starts."}


def test_a_valid_form_shows_no_summary(world):
    response = _client(world.secretariat_x).get("/contacts/new/")
    page = html.fromstring(response.content.decode())
    assert page.xpath("//*[@data-testid='error-summary']") == []
    assert page.xpath("//*[@aria-invalid]") == []


def test_every_input_of_a_table_of_row_forms_has_a_name(world):
    """The project form's participants, budgets and transactions are tables whose
    cells have no <label>: each input is named by its column (aria-label)."""
    response = _client(world.secretariat_x).get("/projects/new/")
    page = html.fromstring(response.content.decode())
    rows = page.xpath("//tbody/tr[not(contains(@class, 'empty-form'))]")
    inputs = [
        element
        for row in rows
        for element in row.xpath(".//input | .//select | .//textarea")
        if element.get("type") != "hidden" and "-" in (element.get("name") or "")
    ]
    assert len(inputs) > 10
    unnamed = [i.get("name") for i in inputs if not i.get("aria-label")]
    assert unnamed == []
    assert page.xpath("//*[@name='budgets-0-value']")[0].get("aria-label") == "Amount"
