"""Emails hold their layout in Outlook for Windows, which draws HTML with Word
(templates/emails/_layout.html, _button.html): a table with a width, alignment
left or right by direction (never the flow-relative start/end), and buttons
as coloured table cells."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"


def test_no_email_template_aligns_by_flow_direction():
    found = [
        path.name
        for path in EMAILS.glob("*.html")
        if re.search(r"text-align\s*:\s*(start|end)", path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_no_email_template_draws_a_button_on_a_link():
    # Word ignores padding and background on <a>: buttons come from _button.html.
    found = [
        path.name
        for path in EMAILS.glob("*.html")
        if path.name != "_button.html"
        and re.search(r"<a [^>]*style=\"[^\"]*padding", path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(("language", "side"), [("en", "left"), ("ar", "right")])
def test_the_layout_is_a_table_with_a_width_aligned_by_direction(language, side):
    context = {"rtl": language == "ar", "lang_code": language, "recipient_name": "Amina"}
    with translation.override(language):
        html = render_to_string(
            "emails/password_reset.html", {**context, "reset_url": "x", "valid_days": 1}
        )

    assert re.search(r'<table role="presentation" width="640"', html)
    assert f'align="{side}"' in html and f"text-align:{side};" in html


def test_a_button_is_a_coloured_table_cell():
    html = render_to_string(
        "emails/_button.html", {"url": "https://x.example/a", "label": "Go", "colour": "#198754"}
    )
    assert re.search(r'<table role="presentation"[^>]*>\s*<tr><td [^>]*bgcolor="#198754"', html)
    assert '<a href="https://x.example/a"' in html and ">Go</a>" in html
