"""Fill an empty database for benchmarks: ``generate_data --size S|M|L``."""

from django.core.management.base import BaseCommand, CommandError

from dashboards.generate import SIZES, NotEmpty, generate
from swg.demo.world import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Fill an empty, migrated database: S = the demo data, M = ten years of one "
        "country, L = ten times M. Deterministic for a seed and a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=["S", *SIZES], required=True)
        parser.add_argument("--seed", type=int, default=2013)
        # For tests: a fraction of M (0.02 = a few hundred rows a table).
        parser.add_argument(
            "--scale", type=float, default=None, help="Override the size's scale (M = 1)."
        )

    def handle(self, *args, size, seed, scale, **options):
        try:
            run = generate(size=size, scale=scale, seed=seed, out=self.stdout)
        except NotEmpty as error:
            raise CommandError(str(error)) from None
        if run is not None:
            self.stdout.write(f"{'rows':>10}  table")
            for label, count in sorted(run.counts.items()):
                self.stdout.write(f"{count:>10}  {label}")
            self.stdout.write(f"{'seconds':>10}  table group")
            for label, seconds in run.seconds.items():
                self.stdout.write(f"{seconds:>10.1f}  {label}")
            self.stdout.write(f"Logins (password {DEMO_PASSWORD}):")
            for label, email in DEMO_LOGINS:
                self.stdout.write(f"  {label:<28} {email}")
        self.stdout.write(self.style.SUCCESS(f"Generated size {size}."))
