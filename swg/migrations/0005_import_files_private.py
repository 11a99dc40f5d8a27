"""Import files move to private storage under random names.

Files uploaded before this migration sit in the formerly served media folder
under their original names; they move into the private storage with a random
name and leave the old folder. The logic is written out here so that later
edits of the live code cannot change what this migration does."""

import os
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import migrations, models

import coordination.storage


def move_import_files(apps, schema_editor):
    ImportJob = apps.get_model("swg", "ImportJob")
    storage = ImportJob._meta.get_field("file").storage
    old_root = Path(os.environ.get("MEDIA_ROOT") or Path(settings.BASE_DIR) / "var" / "media")
    for job in ImportJob.objects.exclude(file=""):
        old = old_root / job.file.name
        if not old.is_file():
            continue
        suffix = Path(job.file.name).suffix.lower()
        suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,10}", suffix) else ""
        name = f"imports/{job.created_at:%Y/%m}/{uuid.uuid4().hex}{suffix}"
        with old.open("rb") as fh:
            name = storage.save(name, File(fh))
        ImportJob.objects.filter(pk=job.pk).update(file=name)
        old.unlink()


class Migration(migrations.Migration):
    dependencies = [
        ("swg", "0004_organization_is_ministry_of_planning"),
    ]

    operations = [
        migrations.AlterField(
            model_name="importjob",
            name="file",
            field=models.FileField(
                storage=coordination.storage.private_storage,
                upload_to=coordination.storage.RandomName("imports/%Y/%m"),
                verbose_name="file",
            ),
        ),
        migrations.RunPython(move_import_files, migrations.RunPython.noop),
    ]
