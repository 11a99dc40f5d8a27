"""The data a benchmark run measures: S, M or L (issue "Fast at ten years of
data", docs/architecture.md "Benchmarks").

``python manage.py generate_data --size`` builds it when the project has that
command; until then the demo data scaled by ``swg.demo.world.build_scaled_world``
plus bulk-inserted meetings, action points and sent messages stand in, in the
proportions of ten years of one country (M) and ten times that (L).
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.management import call_command, get_commands
from django.db import transaction
from django.utils import timezone

SIZES = ("S", "M", "L")
# Stand-in volumes per size: (scale factor of the demo world, meetings, action
# points, sent messages).
VOLUMES = {
    "S": (1, 0, 0, 0),
    "M": (10, 6_000, 20_000, 85_000),
    "L": (100, 60_000, 200_000, 850_000),
}


def is_filled() -> bool:
    from swg.models import Contact

    return Contact.objects.exists()


def fill(size: str, *, out=print) -> None:
    """Fill an empty database with the data of ``size``."""
    if "generate_data" in get_commands():
        out(f"generate_data --size {size}")
        call_command("generate_data", size=size)
        return
    out(f"demo data scaled to {size} (generate_data is not available)")
    call_command("load_demo", verbosity=0)
    call_command("load_demo_projects", verbosity=0)
    call_command("load_demo_reports", verbosity=0)
    factor, meetings, action_points, messages = VOLUMES[size]
    if factor > 1:
        from swg.demo.world import build_scaled_world

        build_scaled_world(factor)
    if meetings:
        volume(meetings=meetings, action_points=action_points, messages=messages)


@transaction.atomic
def volume(*, meetings: int, action_points: int, messages: int, seed: int = 13) -> None:
    """Bulk rows for the tables that grow with the years: meetings over the ten
    years past, action points agreed at them (a third still open), and the
    outbox's sent messages. Bypasses the services and writes no history, like
    ``build_scaled_world``."""
    from coordination.models import OutboxMessage
    from swg.models import SWG, ActionPoint, Meeting, Organization

    rng = random.Random(seed)
    swgs = list(SWG.objects.filter(is_active=True).order_by("pk"))
    orgs = list(Organization.objects.order_by("pk").values_list("pk", flat=True)[:2000])
    now = timezone.now()
    batch = 5_000
    rows = []
    for n in range(meetings):
        starts = now - dt.timedelta(days=3650 * (n + 1) / meetings, hours=rng.randint(0, 6))
        rows.append(
            Meeting(
                swg=swgs[n % len(swgs)],
                title_en=f"Monthly meeting {n}",
                title_ar=f"الاجتماع الشهري {n}",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                status=Meeting.Status.HELD,
            )
        )
    made = Meeting.objects.bulk_create(rows, batch_size=batch)
    statuses = [*ActionPoint.OPEN_STATUSES, ActionPoint.Status.DONE, ActionPoint.Status.DROPPED]
    rows = []
    for n in range(action_points):
        meeting = made[n % len(made)]
        status = statuses[n % 3] if n % 3 else statuses[rng.randint(2, 3)]
        rows.append(
            ActionPoint(
                swg_id=meeting.swg_id,
                source_meeting=meeting,
                description_en=f"Share the figures of district {n}",
                owner_organization_id=orgs[n % len(orgs)],
                due_date=meeting.starts_at.date() + dt.timedelta(days=30),
                status=status,
            )
        )
        if len(rows) == batch:
            ActionPoint.objects.bulk_create(rows)
            rows = []
    ActionPoint.objects.bulk_create(rows)
    rows = []
    for n in range(messages):
        swg = swgs[n % len(swgs)]
        rows.append(
            OutboxMessage(
                purpose=("meeting.invitation", "minutes.circulate", "schedule.monthly")[n % 3],
                object_key=f"bench:{seed}:{n}",
                recipient_email=f"person{seed}.{n}@example.org",
                recipient_name=f"Person {n}",
                swg=swg,
                subject=f"Message {n}",
                body_text="Text",
                status=OutboxMessage.Status.SENT,
            )
        )
        if len(rows) == batch:
            OutboxMessage.objects.bulk_create(rows)
            rows = []
    OutboxMessage.objects.bulk_create(rows)
