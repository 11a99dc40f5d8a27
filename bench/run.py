"""Page and export timings with the demo data scaled up; prints figures.

Usage: ``make bench`` or ``.venv/bin/python bench/run.py [FACTOR] [REPEATS]``.
Runs on its own SQLite file (``var/bench.sqlite3``) unless DATABASE_URL is set, so
the demo database of ``make run`` is left alone. Speed is measured here, never in
timed tests; tests pin query counts instead.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coordination.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("AXES_ENABLED", "off")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from swg.demo import world  # noqa: E402
from swg.models import Contact  # noqa: E402

PAGES = [
    ("home", "/"),
    ("SWG list", "/swg/"),
    ("SWG page (Health)", "/swg/health/"),
    ("SWG contact list", "/swg/health/contacts/"),
    ("contacts, page 1", "/contacts/"),
    ("contacts search", "/contacts/?q=ministry"),
    ("organizations", "/organizations/"),
    ("export all contacts XLSX", "/contacts/export.xlsx"),
    ("export all contacts vCard", "/contacts/export.vcf"),
    ("export Health CSV", "/swg/health/contacts.csv"),
]


def main(factor: int, repeats: int) -> None:
    call_command("migrate", verbosity=0)
    if not Contact.objects.exists():
        world.build_demo_world()
        if factor > 1:
            world.build_scaled_world(factor)
    client = Client()
    client.force_login(User.objects.get(email="coordination@demo.ly"))
    print(f"contacts: {Contact.objects.count()}  (factor {factor}, {repeats} runs each)")
    print(f"{'page':32} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    for label, url in PAGES:
        times = []
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{label:32} {statistics.median(times):10.1f} {max(times):8.1f} {len(ctx):8d}")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(args[0] if args else 10, args[1] if len(args) > 1 else 5)
