"""Accounts: log in by email, lock-out, password reset and change, language."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings as django_settings

from tests.factories import PASSWORD

LOGIN = "/accounts/login/"
NEW_PASSWORD = "a-new-long-passphrase-2025"


def _login(client, email, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


def test_it_logs_in_by_email_and_goes_home(client, world):
    response = _login(client, "partner.a@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_it_ignores_the_case_of_the_email(client, world):
    response = _login(client, "Partner.A@Example.org")
    assert response.status_code == 302


def test_it_shows_an_error_for_a_wrong_password(client, world):
    response = _login(client, "partner.a@example.org", "wrong-password")
    assert response.status_code == 200
    assert "Please enter a correct email and password." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_locks_the_account_after_five_failures(client, world, settings):
    settings.AXES_ENABLED = True
    for _ in range(5):
        _login(client, "partner.a@example.org", "wrong-password")
    response = _login(client, "partner.a@example.org")  # even the right password now
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_does_not_lock_after_four_failures(client, world, settings):
    settings.AXES_ENABLED = True
    for _ in range(4):
        _login(client, "partner.a@example.org", "wrong-password")
    assert _login(client, "partner.a@example.org").status_code == 302


def test_it_changes_the_password(client, world):
    client.force_login(world.partner_a)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/accounts/password/change/done/"
    world.partner_a.refresh_from_db()
    assert world.partner_a.check_password(NEW_PASSWORD)


def test_it_refuses_a_wrong_old_password(client, world):
    client.force_login(world.partner_a)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": "nope", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert 'id="error_1_id_old_password"' in response.content.decode()


def test_it_switches_to_arabic_and_remembers_it(client, world):
    client.force_login(world.partner_a)
    response = client.post("/accounts/language/", {"language": "ar", "next": "/swg/"})
    assert response["Location"] == "/swg/"
    world.partner_a.refresh_from_db()
    assert world.partner_a.language == "ar"
    assert '<html lang="ar" dir="rtl">' in client.get("/").content.decode()


def test_it_keeps_the_language_after_logging_in_again(client, world):
    client.force_login(world.partner_a)
    client.post("/accounts/language/", {"language": "ar"})
    client.logout()
    client.cookies.clear()
    _login(client, "partner.a@example.org")
    assert '<html lang="ar" dir="rtl">' in client.get("/").content.decode()


def test_it_switches_the_login_page_before_login(client, db):
    client.post("/accounts/language/", {"language": "ar"})
    assert '<html lang="ar" dir="rtl">' in client.get(LOGIN).content.decode()


def test_it_ignores_an_unknown_language_and_a_foreign_next(client, world):
    client.force_login(world.partner_a)
    response = client.post(
        "/accounts/language/", {"language": "xx", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    world.partner_a.refresh_from_db()
    assert world.partner_a.language == "en"


def test_it_logs_out_with_post(client, world):
    client.force_login(world.partner_a)
    assert client.post("/accounts/logout/")["Location"] == LOGIN
    assert client.get("/")["Location"].startswith(LOGIN)


def _start_django(**env):
    environ = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environ.update(DJANGO_SETTINGS_MODULE="coordination.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=Path(django_settings.BASE_DIR),
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = _start_django(DEBUG="off")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_it_starts_with_a_real_secret_key_when_debug_is_off():
    result = _start_django(DEBUG="off", SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
