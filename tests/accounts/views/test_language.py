"""The language switch: saved on the user, kept across logins, and offered before login."""

from tests.factories import PASSWORD

LOGIN = "/accounts/login/"


def _login(client, email, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


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
