"""Changing one's own password."""

from tests.factories import PASSWORD

NEW_PASSWORD = "a-new-long-passphrase-2025"


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
