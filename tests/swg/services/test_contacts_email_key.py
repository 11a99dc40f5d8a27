"""The contact import matches people on their email in one spelling
(coordination/emails.py), whatever the case either side was typed in."""

from django.core.files.base import ContentFile

from swg.models import Contact, ImportJob
from swg.services import imports
from tests.support.spreadsheets import csv_bytes

HEADER = ["email", "organization", "name_en", "title"]


def test_it_updates_a_contact_whose_email_was_stored_in_capitals(world, monkeypatch):
    # Written before the one spelling (an old row, the shell): never cleaned.
    Contact.objects.filter(pk=world.contact_a.pk).update(email="Amina.Haddad@WHO.example")
    rows = [HEADER, ["AMINA.HADDAD@who.example", world.org_a.acronym, "Amina Haddad", "Adviser"]]
    monkeypatch.setattr(imports, "_queue", lambda job_id: None)
    job = imports.import_job_start(
        upload=ContentFile(csv_bytes(rows), name="c.csv"), kind="contacts", by=world.secretariat_x
    )

    assert imports.import_job_run(job_id=job.pk) == ImportJob.Status.DONE

    job.refresh_from_db()
    assert (job.created_count, job.updated_count) == (0, 1)
    assert Contact.objects.filter(email__iexact="amina.haddad@who.example").count() == 1
    world.contact_a.refresh_from_db()
    assert world.contact_a.title == "Adviser"
