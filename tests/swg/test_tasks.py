"""Import files hold personal data: beat removes them after IMPORT_RETENTION_DAYS."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from swg.models import ImportJob
from swg.tasks import import_jobs_purge


def _job(user, *, days_ago: int) -> ImportJob:
    job = ImportJob.objects.create(
        file=ContentFile(b"email,organization\n", name="contacts.csv"),
        original_name="contacts.csv",
        created_by=user,
    )
    ImportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return job


def test_it_removes_import_files_older_than_the_retention_setting(world, settings):
    settings.IMPORT_RETENTION_DAYS = 7
    old = _job(world.secretariat_x, days_ago=8)
    recent = _job(world.secretariat_x, days_ago=6)

    import_jobs_purge()

    assert not old.file.storage.exists(old.file.name)
    assert list(ImportJob.objects.all()) == [recent]
    assert recent.file.storage.exists(recent.file.name)
