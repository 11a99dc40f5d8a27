"""Every page carries a Content-Security-Policy without inline scripts or styles
and a Permissions-Policy; the templates give the policy nothing to refuse."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _policy(response) -> dict[str, list[str]]:
    directives = [d.strip().split() for d in response["Content-Security-Policy"].split(";")]
    return {d[0]: d[1:] for d in directives if d}


@pytest.mark.parametrize("path", ["/accounts/login/", "/"])
def test_it_allows_scripts_and_styles_from_the_portal_only(client, world, path):
    client.force_login(world.partner_a)
    policy = _policy(client.get(path))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_it_refuses_the_camera_microphone_location_and_payment(client, db):
    header = client.get("/accounts/login/")["Permissions-Policy"]
    features = dict(item.strip().split("=") for item in header.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert features[feature] == "()"


# A page template may not need what the policy refuses (emails are not pages).
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an on…= event handler"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"javascript:", re.I), "a javascript: link"),
]


def _page_templates():
    return [p for p in TEMPLATES.rglob("*.html") if "emails" not in p.relative_to(TEMPLATES).parts]


def test_no_page_template_has_inline_script_or_style():
    found = [
        f"{path.relative_to(TEMPLATES)}: {what}"
        for path in _page_templates()
        for pattern, what in INLINE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
