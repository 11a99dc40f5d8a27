"""Render a progress report from the command line, as the portal does:
``python manage.py render_report --swg health --period 2026Q3 --lang ar -o report.pdf``.
The report's narrative is used when the report exists; otherwise the figures
alone (nothing is stored)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coordination.periods import Period
from reports.models import ProgressReport
from reports.services.reports import LANGUAGES, progress_report_pdf
from swg.models import SWG


class Command(BaseCommand):
    help = "Render a working group's progress report for a period to a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("--swg", required=True, help="The working group's slug, e.g. health.")
        parser.add_argument("--period", required=True, help="2026Q3, 2026H1 or 2026.")
        parser.add_argument("--lang", default="en", choices=LANGUAGES)
        parser.add_argument("-o", "--output", required=True, help="The PDF file to write.")

    def handle(self, *args, swg, period, lang, output, **options):
        group = SWG.objects.filter(slug=swg).first()
        if group is None:
            raise CommandError(f"No working group {swg!r}.")
        try:
            parsed = Period.parse(period)
        except ValueError as error:
            raise CommandError(str(error)) from None
        report = ProgressReport.objects.filter(
            swg=group, period_kind=parsed.kind, period_start=parsed.start
        ).first() or ProgressReport(swg=group, period_kind=parsed.kind, period_start=parsed.start)
        content = progress_report_pdf(report=report, language=lang)
        Path(output).write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(content)} bytes)."))
