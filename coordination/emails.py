"""An email address as a key: one spelling per mailbox.

Everything that looks a person up by email (login and its lockout, password
reset, user creation, contact import, the outbox's "once per recipient") uses
:func:`normalize_email`, so that ``PARTNER2@demo.ly`` and ``partner2@demo.ly``
are one account, one lockout counter and one recipient. Mail servers treat the
local part case-insensitively in practice, so lower-casing it loses nothing.
"""


def normalize_email(value: str | None) -> str:
    """The address without surrounding blanks, in lower case ("" for None)."""
    return (value or "").strip().lower()
