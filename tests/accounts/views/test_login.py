"""Signing in by email, and out."""

from tests.factories import PASSWORD

LOGIN = "/accounts/login/"


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


def test_it_logs_out_with_post(client, world):
    client.force_login(world.partner_a)
    assert client.post("/accounts/logout/")["Location"] == LOGIN
    assert client.get("/")["Location"].startswith(LOGIN)
