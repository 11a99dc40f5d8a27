"""Load the demo projects (after ``load_demo``); a second run changes nothing."""

from django.core.management.base import BaseCommand

from projects_db.demo import build_demo_projects, build_scaled_projects


class Command(BaseCommand):
    help = "Create the demo technical-assistance projects (run load_demo first)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="Also add N-1 suffixed copies of the projects."
        )

    def handle(self, *args, scale, **options):
        result = build_demo_projects()
        changes = ", ".join(f"{k}: {v}" for k, v in sorted(result["changes"].items()))
        self.stdout.write(f"Changes: {changes or 'none (already loaded)'}")
        totals = build_scaled_projects(scale) if scale > 1 else result["totals"]
        for label, count in totals.items():
            self.stdout.write(f"  {label}: {count}")
        self.stdout.write(self.style.SUCCESS("Demo projects loaded."))
