"""A user's email is one spelling per mailbox, whoever creates the account."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from tests.factories import PASSWORD


def test_it_stores_the_email_in_one_spelling_when_the_admin_creates_a_user(client, world):
    client.force_login(world.admin)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "  New.Person@Example.ORG ",
            "full_name": "New Person",
            "kind": User.Kind.COORDINATION,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(email="new.person@example.org").exists()
    assert client.post("/accounts/logout/").status_code == 302
    login = {"username": "NEW.PERSON@example.org", "password": PASSWORD}
    assert client.post("/accounts/login/", login).status_code == 302


def test_it_refuses_a_second_account_for_another_spelling(world):
    duplicate = User(email="Partner.A@Example.org", kind=User.Kind.PARTNER)
    with pytest.raises(ValidationError):
        duplicate.validate_constraints()
