"""Make the demo's Technical Cooperation Office receive the progress reports."""

from django.core.management.base import BaseCommand

from reports.demo import build_demo_recipients


class Command(BaseCommand):
    help = "Make the demo Technical Cooperation Office a recipient of progress reports (after load_demo)."

    def handle(self, *args, **options):
        added = build_demo_recipients()
        self.stdout.write(self.style.SUCCESS(f"Progress report recipients added: {added}."))
