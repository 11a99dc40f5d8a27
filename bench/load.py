"""The page mix under load against the floor under load: gunicorn with the
production settings (``bench/settings.py``: DEBUG off, the floor route added)
on a local port, and locust headless in another process, first on a mix of the
main pages for several signed-in users, then on the floor alone.

Usage (``make bench`` runs it)::

    .venv/bin/python bench/load.py --size M --users 8 --seconds 30
    .venv/bin/python bench/load.py --smoke

Prints req/s and p95 for both and the ratios. Targets: the mix ≥ 50 % of the
floor's req/s, its p95 ≤ 3× the floor's. Uses the database of that size that
``bench/pages.py`` fills (``--here``: DATABASE_URL's own).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

# The mix: the pages people open most, as the demo logins see them.
MIX = [
    "/",
    "/swg/",
    "/swg/health/",
    "/swg/health/contacts/",
    "/swg/health/action-points/",
    "/contacts/",
    "/organizations/",
    "/meetings/{meeting}/",
    "/documents/",
    "/notifications/",
]
PEOPLE = ["secretariat@demo.ly", "coordination@demo.ly", "partner@demo.ly", "chair@demo.ly"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sessions() -> tuple[list[str], str, list[str]]:
    """Session keys of the demo logins, the cookie name and the mix's paths."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from accounts.models import User
    from swg.models import Meeting

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = []
    for user in User.objects.filter(email__in=PEOPLE):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    meeting = Meeting.objects.filter(swg__slug="health").order_by("-starts_at").first()
    paths = [p.format(meeting=meeting.pk if meeting else 0) for p in MIX]
    if meeting is None:
        paths = [p for p in paths if "/meetings/" not in p]
    return keys, settings.SESSION_COOKIE_NAME, paths


def _locust(host, paths, sessions, cookie, users, seconds, workdir, label) -> dict:
    env = {
        **os.environ,
        "BENCH_SESSIONS": json.dumps(sessions),
        "BENCH_PATHS": json.dumps(paths),
        "BENCH_COOKIE": cookie,
    }
    prefix = Path(workdir) / label
    subprocess.run(
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
        ],
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv") as f:
        total = next(row for row in csv.DictReader(f) if row["Name"] == "Aggregated")
    return {
        "rps": float(total["Requests/s"]),
        "p95": float(total["95%"]) if total["95%"] != "N/A" else float("nan"),
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=("S", "M", "L"), default="S")
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="5 seconds, 2 users")
    parser.add_argument("--here", action="store_true", help="use DATABASE_URL's database")
    args = parser.parse_args(argv)
    if args.smoke:
        args.users, args.seconds = 2, 5
    from bench.pages import _database_for

    if not args.here:
        _database_for(args.size)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="off",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        HTTPS="off",  # plain HTTP on the local port; the proxy's TLS is not measured
        STATIC_FROM_SOURCE="on",
        AXES_ENABLED="off",
    )
    os.environ.setdefault("CONN_MAX_AGE", "60")
    import django

    django.setup()
    from django.core.management import call_command

    from bench import data

    call_command("migrate", verbosity=0)
    if not data.is_filled():
        sys.exit(f"no data: run bench/pages.py --size {args.size} first")
    sessions, cookie, paths = _sessions()
    port = _free_port()
    host = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "bench.settings_wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(host + "/accounts/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        with tempfile.TemporaryDirectory() as workdir:
            run = {
                "host": host,
                "sessions": sessions,
                "cookie": cookie,
                "users": args.users,
                "workdir": workdir,
            }
            _locust(paths=paths, seconds=5, label="warm", **run)
            mix = _locust(paths=paths, seconds=args.seconds, label="mix", **run)
            floor = _locust(paths=["/bench/floor/"], seconds=args.seconds, label="floor", **run)
    finally:
        server.terminate()
        server.wait(timeout=30)
    rps_ratio = mix["rps"] / floor["rps"] if floor["rps"] else 0.0
    p95_ratio = mix["p95"] / floor["p95"] if floor["p95"] else float("inf")
    print(
        f"load at {args.size}: gunicorn {args.workers} workers, locust {args.users} users, "
        f"{args.seconds} s each"
    )
    for label, row in (("page mix", mix), ("floor", floor)):
        print(
            f"{label:9} {row['rps']:8.1f} req/s  p95 {row['p95']:6.0f} ms  "
            f"({row['requests']} requests, {row['failures']} failed)"
        )
    print(
        f"mix/floor req/s: {rps_ratio:.0%} (target ≥ 50 %); "
        f"p95: {p95_ratio:.1f}× (target ≤ 3×)"
        + ("" if rps_ratio >= 0.5 and p95_ratio <= 3 else "  OVER")
    )


if __name__ == "__main__":
    main()
