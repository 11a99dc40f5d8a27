"""``manage.py import_projects FILE [--organization ACRONYM] [--dry-run]``:
the project import without the browser (DESIGN §3 "Exchange"). The format
(XLSX, CSV or IATI XML) is known from the content. Every problem is listed
with its row (or activity) and column (or element); then nothing is saved
and the command exits with status 1."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from projects_db.services import exchange
from swg.models import Organization


class Command(BaseCommand):
    help = "Import projects from an XLSX, CSV or IATI 2.03 XML file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--organization",
            help="Acronym of the organization the file is for (required for an IATI file whose "
            "reporting organization the portal does not know).",
        )
        parser.add_argument(
            "--swg", help="Working group (short code) for activities that name none."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and show the changes; save nothing."
        )

    def handle(self, *args, file, organization, swg, dry_run, **options):
        choices = {}
        if organization:
            found = Organization.objects.filter(acronym__iexact=organization).first()
            if found is None:
                raise CommandError(f"Unknown organization: {organization}")
            choices["organization"] = found.pk
        if swg:
            from swg.models import SWG

            group = SWG.objects.filter(slug=swg).first()
            if group is None:
                raise CommandError(f"Unknown working group: {swg}")
            choices["swg"] = group.pk
        try:
            with open(file, "rb") as handle:
                result = exchange.projects_check(handle, name=file, by=None, options=choices)
        except OSError as error:
            raise CommandError(str(error)) from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        if result.error_count:
            for error in result.errors:
                where = f"{error['sheet']}!{error['row']}" if error.get("sheet") else error["row"]
                self.stderr.write(f"{where}\t{error['column']}\t{error['message']}")
            if result.error_count > len(result.errors):
                self.stderr.write(f"… and {result.error_count - len(result.errors)} more")
            raise CommandError(f"{result.error_count} problem(s); nothing was saved.")
        counts = result.preview["counts"]
        for group in ("new", "changed", "unchanged"):
            self.stdout.write(f"{group}: {counts[group]}")
            for item in result.preview[group]:
                changes = f" ({', '.join(item['changes'])})" if item["changes"] else ""
                self.stdout.write(f"  {item['where']}: {item['title']}{changes}")
        for name in result.preview["organizations"]:
            self.stdout.write(f"new organization: {name}")
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
            return
        try:
            with transaction.atomic():
                exchange.projects_write(result, by=None)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(f"Saved: {result.created} created, {result.updated} updated.")
        )
