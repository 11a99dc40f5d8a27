"""`make run` shows the portal as its users see it: DEBUG off, so a partner who
follows a wrong link gets the portal's own "Page not found", never Django's
technical page with the list of every URL (run.env, Makefile, settings)."""

import secrets
from pathlib import Path

import pytest
from honcho.environ import parse

from tests.support.settings_process import get_under, settings_under

ROOT = Path(__file__).resolve().parents[2]
RUN_ENV = parse((ROOT / "run.env").read_text(encoding="utf-8"))


@pytest.fixture
def run_env(tmp_path):
    key = tmp_path / "secret_key"
    key.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return {**RUN_ENV, "SECRET_KEY_FILE": str(key), "SECRET_KEY": ""}


def test_make_run_starts_web_worker_and_beat_with_run_env():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "honcho -e run.env -f Procfile.dev start" in makefile
    assert RUN_ENV["SECRET_KEY_FILE"] == "var/secret_key"


def test_its_settings_have_debug_off_and_plain_http(run_env):
    values = settings_under(
        run_env, "DEBUG", "SESSION_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECRET_KEY"
    )
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is False  # http://127.0.0.1:8000 keeps a session
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECRET_KEY"] == Path(run_env["SECRET_KEY_FILE"]).read_text().strip()


def test_a_wrong_link_shows_the_portals_own_page(run_env):
    response = get_under(run_env, "/no-such-page/")
    assert response["status"] == 404
    assert "Page not found" in response["body"]
    assert "Back to the portal" in response["body"]
    assert "URLconf" not in response["body"] and "swg/" not in response["body"]


def test_it_serves_the_static_files_without_collectstatic(run_env, tmp_path):
    response = get_under(
        {**run_env, "STATIC_ROOT": str(tmp_path / "empty")}, "/static/css/portal.css"
    )
    assert response["status"] == 200


def test_production_keeps_secure_cookies(tmp_path):
    values = settings_under(
        {"DEBUG": "off", "SECRET_KEY": "x" * 40}, "SESSION_COOKIE_SECURE", "SECURE_SSL_REDIRECT"
    )
    assert values == {"SESSION_COOKIE_SECURE": True, "SECURE_SSL_REDIRECT": True}
