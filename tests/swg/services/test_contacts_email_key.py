"""The contact import matches people on their email in one spelling
(coordination/emails.py), whatever the case either side was typed in."""

from swg.models import Contact
from swg.services.contacts import contacts_import

HEADER = ["email", "organization", "name_en", "title"]


def test_it_updates_a_contact_whose_email_was_stored_in_capitals(world):
    # Written before the one spelling (an old row, the shell): never cleaned.
    Contact.objects.filter(pk=world.contact_a.pk).update(email="Amina.Haddad@WHO.example")
    rows = [HEADER, ["AMINA.HADDAD@who.example", world.org_a.acronym, "Amina Haddad", "Adviser"]]

    result = contacts_import(rows=rows)

    assert result.errors == []
    assert Contact.objects.filter(email__iexact="amina.haddad@who.example").count() == 1
    world.contact_a.refresh_from_db()
    assert world.contact_a.title == "Adviser"
