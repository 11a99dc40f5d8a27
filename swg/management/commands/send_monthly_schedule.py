"""Send a month's meeting schedule now (ops; beat sends it on the first working
day). Safe to run again: the outbox sends nobody a second copy."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from swg.selectors.schedule import (
    monthly_schedule_deliveries,
    monthly_schedule_language_counts,
    monthly_schedule_meetings,
)
from swg.services.schedule import TRIPOLI, monthly_schedule_send


class Command(BaseCommand):
    help = (
        "Queue the monthly SWG meeting schedule (assessment Annex 2c) to every member and "
        "interested partner; people who already received that month's schedule are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Default: this year (Tripoli time).")
        parser.add_argument("--month", type=int, help="1-12. Default: this month (Tripoli time).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print how many people would receive it, per language; send nothing.",
        )

    def handle(self, *args, year=None, month=None, dry_run=False, **options):
        today = timezone.localdate(timezone=TRIPOLI)
        year = year or today.year
        month = month or today.month
        if not 1 <= month <= 12:
            raise CommandError("--month must be between 1 and 12.")
        label = f"{year}-{month:02d}"
        month_meetings = monthly_schedule_meetings(year=year, month=month)
        meetings = len(month_meetings)
        if not meetings:
            self.stdout.write(f"No meetings scheduled in {label}: nothing sent.")
            return
        if dry_run:
            deliveries = monthly_schedule_deliveries(meetings=month_meetings)
            counts = monthly_schedule_language_counts(deliveries)
            per_language = ", ".join(f"{lang}: {n}" for lang, n in counts.items()) or "none"
            self.stdout.write(
                f"Dry run, nothing sent. Schedule for {label} ({meetings} meetings) would go "
                f"to {len(deliveries)} recipients ({per_language})."
            )
            return
        queued = monthly_schedule_send(year=year, month=month)
        self.stdout.write(
            self.style.SUCCESS(
                f"Schedule for {label} ({meetings} meetings): {queued} messages queued "
                "(recipients who already had it are skipped)."
            )
        )
