from django.db import transaction
from rest_framework.authtoken.models import Token


@transaction.atomic
def api_token_regenerate(*, user) -> Token:
    """A fresh token for ``user``; the previous one stops working at once."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)
