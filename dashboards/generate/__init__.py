"""``manage.py generate_data``: a portal's worth of data for benchmarks (README
"Development"). S is the demo (the three demo loaders, through the services);
M is ten years of one country, L ten times M, written with ``bulk_create`` in
batches, keeping the rules the services keep and the history rows they write.
One module per area, run in this order: directory → meetings (with the
outbox) → projects → documents. ``grow`` adds generated people and the
meetings area's years to a database that has its groups already (tests)."""

from __future__ import annotations

import datetime as dt
import random
import time

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from coordination.models import OutboxMessage
from projects_db.models import Project, QuarterlyUpdate
from swg.models import (
    Contact,
    Document,
    DocumentVersion,
    Invitation,
    Meeting,
    Minutes,
    Organization,
)

from .base import Copier, Plan, Run, given_times, is_postgresql
from .directory import build_directory, grow_directory, read_directory
from .documents import build_documents
from .meetings import build_meetings
from .projects import build_projects

# Scale 1 is M; L is ten times M. XS is for tests: a few hundred rows a table.
SIZES = {"M": 1.0, "L": 10.0, "XS": 0.02}


class NotEmpty(Exception):
    """The database already holds portal data."""


def portal_is_empty() -> bool:
    return not any(m.objects.exists() for m in (Organization, Contact, Meeting, Project, Document))


# What generate_data writes with its own times (auto_now fields kept as given).
TIMED = (
    Meeting,
    Invitation,
    Minutes,
    OutboxMessage,
    Document,
    DocumentVersion,
    Project,
    QuarterlyUpdate,
)


def generate(
    *,
    size: str,
    scale: float | None = None,
    seed: int = 2013,
    today: dt.date | None = None,
    out=None,
) -> Run | None:
    """Fill an empty database. Returns the run (counts and seconds), or None for S."""
    if not portal_is_empty():
        raise NotEmpty(
            "The database already holds organizations, contacts, meetings, projects or "
            "documents; generate_data fills an empty, migrated database only."
        )
    if size == "S":
        for command in ("load_demo", "load_demo_projects", "load_demo_reports"):
            call_command(command, stdout=out)
        return None
    plan = Plan(
        scale=scale if scale is not None else SIZES[size],
        seed=seed,
        today=today or timezone.localdate(),
    )
    run = Run(plan=plan, rng=random.Random(seed), copier=Copier() if is_postgresql() else None)
    started = time.perf_counter()
    with transaction.atomic(), given_times(*TIMED):
        build_directory(run)
        build_meetings(run)
        build_projects(run)
        build_documents(run)
        if run.copier is not None:
            run.copier.finish()
    if run.copier is not None:
        settled = time.perf_counter()
        settle()
        run.seconds["vacuum and analyze"] = time.perf_counter() - settled
    run.seconds["total"] = time.perf_counter() - started
    return run


def settle() -> None:
    """Leave a database just filled by COPY as autovacuum would leave it minutes
    later: planner statistics, and the visibility map that index-only scans read.
    Inside a transaction (a test's) only ANALYZE can run."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def grow(*, scale: float, seed: int = 2013, today: dt.date | None = None) -> Run:
    """Add ``scale`` × M of generated organizations, people and members who
    came and went, and of the tables that grow with the years (meetings with
    their agendas, invitations, attendance, minutes, action points and sent
    messages), to the groups a database holds already, through the same
    writers as ``generate``: a test's world with ten times the rows. The same
    ``seed`` on the same database gives the same rows; the random source also
    takes the number of meetings there, so a second call adds other meetings
    (their uids are unique)."""
    plan = Plan(scale=scale, seed=seed, today=today or timezone.localdate())
    rng = random.Random(f"{seed}/{Meeting.objects.count()}")
    run = Run(plan=plan, rng=rng, copier=Copier() if is_postgresql() else None)
    with transaction.atomic(), given_times(*TIMED):
        read_directory(run)
        grow_directory(run)
        build_meetings(run)
        if run.copier is not None:
            run.copier.finish()
    return run
