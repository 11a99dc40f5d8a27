"""``manage.py restore ARCHIVE --database-url URL [--media-root DIR]``: an
archive of ``manage.py backup`` into a new, empty database and an empty folder.
Every checksum is verified before anything is written, and every table's row
count is compared with the archive's manifest afterwards (README "Operations")."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coordination import backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database and an empty files folder."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--database-url",
            required=True,
            help="the new, empty database, e.g. postgres://portal:secret@postgres:5432/portal2",
        )
        parser.add_argument(
            "--media-root",
            type=Path,
            help="an empty or new folder for the files (default: PRIVATE_MEDIA_ROOT).",
        )

    def handle(self, *args, archive, database_url, media_root=None, **options):
        media_root = media_root or Path(settings.PRIVATE_MEDIA_ROOT)
        try:
            manifest = backup.backup_restore(
                archive=archive, database_url=database_url, media_root=media_root
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        tables = manifest["database"]["tables"]
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} (portal {manifest['portal_version']}): "
            f"{len(tables)} tables, {sum(tables.values())} rows, "
            f"{manifest['media']['files']} files into {media_root}."
        )
        self.stdout.write("Point DATABASE_URL and PRIVATE_MEDIA_ROOT at them and start the portal.")
