"""``manage.py export_projects --format xlsx|csv|iati [-o FILE]``: every
project (drafts too: it is run by the operator), in the import's formats."""

import shutil
import sys

from django.core.management.base import BaseCommand

from projects_db.exchange import iati, spreadsheet
from projects_db.models import Project
from projects_db.selectors.exchange import export_queryset, spreadsheet_queryset


class Command(BaseCommand):
    help = "Export the projects as XLSX, CSV or IATI 2.03 XML."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=("xlsx", "csv", "iati"), default="xlsx")
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")
        parser.add_argument("--language", choices=("en", "ar"), default="en")

    def handle(self, *args, format, output, language, **options):
        projects = Project.objects.order_by("pk")
        out = open(output, "wb") if output else sys.stdout.buffer  # noqa: SIM115
        try:
            if format == "csv":
                for piece in spreadsheet.export_csv(
                    spreadsheet_queryset(projects), language=language
                ):
                    out.write(piece.encode("utf-8"))
            elif format == "xlsx":
                with spreadsheet.export_xlsx(
                    spreadsheet_queryset(projects), language=language
                ) as workbook:
                    shutil.copyfileobj(workbook, out)
            else:
                out.write(iati.export_activities(export_queryset(projects)))
        finally:
            if output:
                out.close()
            else:
                out.flush()
