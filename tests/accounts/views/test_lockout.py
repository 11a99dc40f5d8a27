"""The login lockout (django-axes): five failures lock an email for the client's
address, whatever the letter case, and the client's address is the real one."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings as django_settings

from tests.factories import PASSWORD
from tests.support.settings_process import settings_under

LOGIN = "/accounts/login/"
WRONG = "not-the-password"


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True


def _login(client, email, password=PASSWORD, **headers):
    return client.post(LOGIN, {"username": email, "password": password}, **headers)


def test_it_locks_the_account_after_five_failures(client, world):
    for _ in range(5):
        _login(client, "partner.a@example.org", WRONG)
    response = _login(client, "partner.a@example.org")  # even the right password now
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_does_not_lock_after_four_failures(client, world):
    for _ in range(4):
        _login(client, "partner.a@example.org", WRONG)
    assert _login(client, "partner.a@example.org").status_code == 302


def test_it_refuses_an_upper_case_variant_of_a_locked_email(client, world):
    for _ in range(5):
        _login(client, "partner.a@example.org", WRONG)

    response = _login(client, "PARTNER.A@example.org")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_gives_case_variants_no_extra_guesses(client, world):
    for variant in ["partner.a@example.org", "Partner.A@example.org", "PARTNER.A@EXAMPLE.ORG"]:
        _login(client, variant, WRONG)
    _login(client, " partner.a@Example.org ", WRONG)
    _login(client, "pArtner.a@example.org", WRONG)  # the fifth failure, in any spelling

    assert _login(client, "partner.a@example.org").status_code == 429


def test_it_ignores_a_forged_forwarded_for_without_a_proxy(client, world):
    # No reverse proxy configured: X-Forwarded-For is the client's own claim.
    for n in range(5):
        _login(client, "partner.a@example.org", WRONG, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")

    response = _login(client, "partner.a@example.org", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert response.status_code == 429


PROXY_SETTINGS = ("AXES_IPWARE_PROXY_COUNT", "AXES_IPWARE_META_PRECEDENCE_ORDER")


@pytest.fixture(scope="module")
def production_proxy_settings():
    """What the portal reads from the environment docker-compose.yml gives web."""
    compose = yaml.safe_load((Path(django_settings.BASE_DIR) / "docker-compose.yml").read_text())
    proxies = str(compose["services"]["web"]["environment"].get("REVERSE_PROXY_COUNT", ""))
    return settings_under({"REVERSE_PROXY_COUNT": proxies}, *PROXY_SETTINGS)


@pytest.fixture
def behind_the_proxy(settings, production_proxy_settings):
    for name, value in production_proxy_settings.items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)


def test_it_locks_only_the_attackers_address_behind_the_proxy(client, world, behind_the_proxy):
    proxy = {"REMOTE_ADDR": "172.18.0.5"}
    for _ in range(5):
        _login(client, "partner.a@example.org", WRONG, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert (
        _login(client, "partner.a@example.org", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    ).status_code == 429

    response = _login(client, "partner.a@example.org", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)

    assert response.status_code == 302


def test_it_gives_no_extra_guesses_for_a_forged_prefix_behind_the_proxy(
    client, world, behind_the_proxy
):
    # A proxy that appends the address it saw keeps what the client sent first.
    proxy = {"REMOTE_ADDR": "172.18.0.5"}
    for n in range(5):
        _login(
            client,
            "partner.a@example.org",
            WRONG,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9",
            **proxy,
        )

    response = _login(
        client, "partner.a@example.org", HTTP_X_FORWARDED_FOR="192.0.2.77, 203.0.113.9", **proxy
    )

    assert response.status_code == 429
