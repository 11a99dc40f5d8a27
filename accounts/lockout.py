"""What django-axes counts failed logins under (``AXES_USERNAME_CALLABLE``).

Axes keys its counters on the username as typed; without this, each spelling
of an address (``Partner2@…``, ``PARTNER2@…``) had its own five guesses and a
locked account opened to another spelling with the right password.
"""

from django.conf import settings

from coordination.emails import normalize_email


def lockout_username(request, credentials: dict | None) -> str:
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        typed = credentials.get(field)
    else:
        typed = request.POST.get(field) if request is not None else None
    return normalize_email(typed)
