"""Who an email goes to: one entry per address, each with the name and language
the message is rendered in (the outbox renders it in ``language``)."""

from dataclasses import dataclass

from django.conf import settings

from .models import Contact, pick_language


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


class Recipients:
    """An ordered set of recipients keyed by lower-cased email; the first entry
    for an address wins (so a person's contact record beats their login)."""

    def __init__(self):
        self._found: dict[str, Recipient] = {}

    def add(self, *, email: str, name: str = "", language: str = "") -> None:
        email = (email or "").strip().lower()
        if email and email not in self._found:
            language = language or settings.LANGUAGE_CODE
            self._found[email] = Recipient(email=email, name=name, language=language)

    def add_contact(self, contact: Contact) -> None:
        """An active contact, named in their own language."""
        if contact.is_active:
            language = contact.preferred_language
            name = pick_language(contact.name_en, contact.name_ar, language)
            self.add(email=contact.email, name=name, language=language)

    def as_list(self) -> list[Recipient]:
        return list(self._found.values())
