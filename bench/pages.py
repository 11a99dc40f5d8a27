"""Every page against the floor, as a partner, a secretariat member and the
coordination team: median and p95 time, ratio to the floor and query count.

Usage (``make bench`` runs it)::

    .venv/bin/python bench/pages.py --size M --repeats 15
    .venv/bin/python bench/pages.py --smoke      # one repeat on the demo data

The pages are derived from the URL configuration (``tests/support/urls.py``:
``page_routes`` and the sample objects of the phone walk), so a new page is
measured without being listed here, and one whose arguments have no sample is
reported. The floor (``bench/urls.py``) is requested before each sample of a
page; a page's ratio is its median (and p95) over the floor's median (and p95)
measured around it. Targets: ≤ 3× at S and M, ≤ 5× at L, the same query count
at every size.

Each size has its own database (``<DATABASE_URL's name>_bench_<size>``,
created and filled once; ``--here`` uses DATABASE_URL's database as it is).
The sample objects of the walk are created in a transaction rolled back at the
end, so the data is left as it was. Results go to ``var/bench/pages-<size>.json``;
the summary line reads the other sizes' last results from there. Figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "var" / "bench"
TARGETS = {"S": 3.0, "M": 3.0, "L": 5.0}
ROLES = ("partner", "secretariat", "coordination")


class Rollback(Exception):
    pass


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def walk(objects: dict) -> tuple[list[tuple[str, str]], list[str]]:
    """The (route name, URL) pairs to measure, and the routes without sample arguments."""
    from tests.support.urls import page_routes, sample_url

    pages, missing = [], []
    for route in page_routes():
        url = sample_url(route, objects)
        if url is None:
            missing.append(route.name)
        else:
            pages.append((route.name, url))
    return pages, missing


def bench_world():
    """The people and groups the walk's sample objects hang on: the demo's own
    (Health, WHO, the demo logins) when the database holds the demo data, else
    the tests' small world (``tests.factories.build_world``)."""
    from accounts.models import User
    from swg.models import SWG, Contact, Membership, Organization
    from tests.factories import World, build_world

    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.ly")}
    if "partner@demo.ly" not in users:
        return build_world()
    health = SWG.objects.get(slug="health")
    org_a, org_b = users["partner@demo.ly"].organization, users["partner2@demo.ly"].organization
    chair = Membership.objects.active().get(swg=health, role=Membership.Role.CHAIR)
    return World(
        swg_x=health,
        swg_y=SWG.objects.get(slug="education"),
        org_a=org_a,
        org_b=org_b,
        ministry=chair.organization or Organization.objects.get(acronym="MoH"),
        contact_a=Contact.objects.filter(organization=org_a).order_by("pk").first(),
        contact_b=Contact.objects.filter(organization=org_b).order_by("pk").first(),
        contact_gov=chair.contact,
        partner_a=users["partner@demo.ly"],
        partner_b=users["partner2@demo.ly"],
        secretariat_x=users["secretariat@demo.ly"],
        secretariat_y=users["secretariat@demo.ly"],
        chair=users["chair@demo.ly"],
        coordination=users["coordination@demo.ly"],
        admin=users["admin@demo.ly"],
    )


def _timed(client, url: str) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
        elapsed = (time.perf_counter() - start) * 1000
    return elapsed, response.status_code


def measure(
    *, size: str, repeats: int, roles=ROLES, out=print, results_dir=RESULTS_DIR, only=()
) -> dict:
    """Measure every page for every role on the data in the current database;
    returns ``{"role route": {...}}`` and prints one line per page."""
    from django.db import connection, transaction
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from django.urls import clear_url_caches

    from bench.urls import FLOOR_PATH
    from tests.support.urls import sample_objects

    results: dict = {}
    # 403 and 404 answers are expected for some roles: no log line each.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    with override_settings(
        ROOT_URLCONF="bench.urls",
        AXES_ENABLED=False,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        CELERY_TASK_ALWAYS_EAGER=False,
    ):
        clear_url_caches()
        try:
            with transaction.atomic():
                world = bench_world()
                objects = sample_objects(world)
                pages, missing = walk(objects)
                if only:
                    pages = [(n, u) for n, u in pages if any(part in n for part in only)]
                    results_dir = None  # a partial run does not replace the last results
                users = {
                    "partner": world.partner_a,
                    "secretariat": world.secretariat_x,
                    "coordination": world.coordination,
                }
                out(
                    f"{size}: {len(pages)} pages × {len(roles)} roles, {repeats} repeats; "
                    f"target ≤ {TARGETS[size]:g}× the floor"
                )
                out(
                    f"{'role':13} {'page':44} {'st':>3} {'med ms':>7} {'p95 ms':>7} "
                    f"{'floor':>6} {'×med':>6} {'×p95':>6} {'queries':>7}"
                )
                for role in roles:
                    client = Client()
                    client.force_login(users[role])
                    _timed(client, FLOOR_PATH)  # warm-up
                    for name, url in pages:
                        if _timed(client, url)[1] == 405:  # warm-up: templates, caches
                            continue  # a form's target (POST only), not a page
                        floor, times = [], []
                        for _ in range(repeats):
                            floor.append(_timed(client, FLOOR_PATH)[0])
                            with CaptureQueriesContext(connection) as queries:
                                elapsed, status = _timed(client, url)
                            times.append(elapsed)
                        row = {
                            "url": url,
                            "status": status,
                            "median": statistics.median(times),
                            "p95": _p95(times),
                            "floor": statistics.median(floor),
                            "floor_p95": _p95(floor),
                            "queries": len(queries),
                        }
                        row["ratio"] = row["median"] / row["floor"]
                        row["p95_ratio"] = row["p95"] / row["floor_p95"]
                        row["over"] = max(row["ratio"], row["p95_ratio"]) > TARGETS[size]
                        results[f"{role} {name}"] = row
                        out(
                            f"{role:13} {name[:44]:44} {status:3d} {row['median']:7.1f} "
                            f"{row['p95']:7.1f} {row['floor']:6.1f} {row['ratio']:6.1f} "
                            f"{row['p95_ratio']:6.1f} {row['queries']:7d}"
                            + ("  OVER" if row["over"] else "")
                        )
                for name in missing:
                    out(f"no sample arguments, not measured: {name}")
                raise Rollback
        except Rollback:
            pass
        finally:
            clear_url_caches()
    if results_dir is not None:
        Path(results_dir).mkdir(parents=True, exist_ok=True)
        Path(results_dir, f"pages-{size}.json").write_text(json.dumps(results, indent=1))
    out(summary(size, results, results_dir, missing=missing))
    return results


def summary(size: str, results: dict, results_dir, *, missing=()) -> str:
    """``worst ratio at M: …×, at L: …×; pages over target: N`` from this run and
    the last results of the other sizes; a page whose query count differs
    between sizes counts as over target."""
    by_size = {size: results}
    for other in TARGETS:
        path = Path(results_dir or RESULTS_DIR, f"pages-{other}.json")
        if other != size and path.exists():
            by_size[other] = json.loads(path.read_text())
    over = {key for rows in by_size.values() for key, row in rows.items() if row["over"]}
    counts: dict[str, set[int]] = {}
    for rows in by_size.values():
        for key, row in rows.items():
            counts.setdefault(key, set()).add(row["queries"])
    growing = sorted(key for key, seen in counts.items() if len(seen) > 1)
    lines = [f"query count differs between sizes: {key}" for key in growing]

    def worst(at: str) -> str:
        rows = by_size.get(at)
        if not rows:
            return "not measured"
        key, row = max(rows.items(), key=lambda kv: max(kv[1]["ratio"], kv[1]["p95_ratio"]))
        return f"{max(row['ratio'], row['p95_ratio']):.1f}× ({key})"

    lines.append(
        f"worst ratio at M: {worst('M')}, at L: {worst('L')}; "
        f"pages over target: {len(over | set(growing))}"
        + (f" (at S: {worst('S')})" if "S" in by_size else "")
        + (f"; pages without sample arguments: {len(missing)}" if missing else "")
    )
    return "\n".join(lines)


def _database_for(size: str) -> None:
    """Point DATABASE_URL at this size's own database, created when missing."""
    import environ

    url = os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    config = environ.Env.db_url_config(url)
    if config["ENGINE"].endswith("sqlite3"):
        name = Path(config["NAME"])
        os.environ["DATABASE_URL"] = f"sqlite:///{name.with_stem(f'{name.stem}_bench_{size}')}"
        return
    import psycopg2

    name = f"{config['NAME']}_bench_{size.lower()}"
    admin = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=TARGETS, default="S")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--smoke", action="store_true", help="one repeat at S")
    parser.add_argument("--here", action="store_true", help="use DATABASE_URL's database")
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--only", default="", help="route names containing one of a,b,…")
    args = parser.parse_args(argv)
    if args.smoke:
        args.size, args.repeats = "S", 1
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coordination.settings")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not args.here:
        _database_for(args.size)
    import django

    django.setup()
    from django.core.management import call_command

    from bench import data

    call_command("migrate", verbosity=0)
    if not data.is_filled():
        started = time.perf_counter()
        data.fill(args.size)
        print(f"filled in {time.perf_counter() - started:.0f} s")
    _analyze()
    measure(
        size=args.size,
        repeats=args.repeats,
        roles=args.roles.split(","),
        only=[part for part in args.only.split(",") if part],
        # A smoke run's single samples do not replace the last real figures.
        results_dir=None if args.smoke else RESULTS_DIR,
    )


def _analyze() -> None:
    """Fresh planner statistics after a bulk fill (PostgreSQL)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    main()
