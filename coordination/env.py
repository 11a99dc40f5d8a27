"""Environment reading that fails loudly.

django-environ reads any unknown word as false (``EMAIL_USE_TLS=ture`` would send
mail without TLS, ``AXES_ENABLED=ye`` would turn the login lockout off) and a
bad number as a bare ``ValueError``. Here a value that is not understood stops
the start with a message naming the variable and the value.

The messages are not translated: they are raised while settings load, before
translation can work, and they are read by the operator in a log.
"""

import environ
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})


def parse_bool(name: str, raw: str) -> bool:
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a yes/no value; use true/false, 1/0, yes/no or on/off."
    )


def parse_int(name: str, raw: str) -> int:
    try:
        return int(raw.strip(), 10)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


class StrictEnv(environ.Env):
    """django-environ's reader with strict booleans and whole numbers; the
    default applies only when the variable is not set at all."""

    def bool(self, var, default=environ.Env.NOTSET):
        return self.get_value(var, cast=lambda raw: parse_bool(var, raw), default=default)

    def int(self, var, default=environ.Env.NOTSET):
        return self.get_value(var, cast=lambda raw: parse_int(var, raw), default=default)
