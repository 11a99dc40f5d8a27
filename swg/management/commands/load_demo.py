"""Load the demo world (swg.demo); safe to run again, it changes nothing then."""

from django.core.management.base import BaseCommand

from swg.demo.world import DEMO_LOGINS, DEMO_PASSWORD, build_demo_world, build_scaled_world


class Command(BaseCommand):
    help = "Create or refresh the demo organizations, contacts, memberships and logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Also add N-1 suffixed copies of the data (for trying pages with more rows).",
        )

    def handle(self, *args, scale, **options):
        result = build_demo_world()
        if scale > 1:
            result["totals"] = build_scaled_world(scale)
        changes = ", ".join(f"{k}: {v}" for k, v in sorted(result["changes"].items()))
        self.stdout.write(f"Changes: {changes or 'none (already loaded)'}")
        for warning in result["warnings"]:
            self.stdout.write(self.style.WARNING(warning))
        for label, count in result["totals"].items():
            self.stdout.write(f"  {label}: {count}")
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for label, email in DEMO_LOGINS:
            self.stdout.write(f"  {label:<28} {email}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
