"""Rows for the tables that grow with the years (meetings, action points, sent
messages), added to a test's world to check that a page's queries and rows stay
the same with ten times the data (tests/project/test_bench.py)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone


@transaction.atomic
def volume(*, meetings: int, action_points: int, messages: int, seed: int = 13) -> None:
    """Bulk rows for the tables that grow with the years: meetings over the ten
    years past, action points agreed at them (a third still open), and the
    outbox's sent messages. Bypasses the services and writes no history, like
    the query-count tests' ``build_scaled_world``."""
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
