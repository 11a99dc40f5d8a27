"""``manage.py backup``: a dated archive of the database and the private files
in BACKUP_DIR, then the old archives pruned (README "Operations")."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coordination import backup


class Command(BaseCommand):
    help = "Write a dated backup archive (database and private files) and prune old ones."

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, help="where to write (default: BACKUP_DIR).")
        parser.add_argument(
            "--no-prune", action="store_true", help="keep every older archive this time."
        )

    def handle(self, *args, directory=None, no_prune=False, **options):
        directory = directory or Path(settings.BACKUP_DIR)
        try:
            archive = backup.backup_create(directory=directory)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backup written: {archive}")
        if not no_prune:
            for path in backup.backup_prune(
                directory=directory,
                retention_days=settings.BACKUP_RETENTION_DAYS,
                keep_at_least=settings.BACKUP_KEEP_AT_LEAST,
            ):
                self.stdout.write(f"Pruned: {path}")
