"""What every area of the generator shares: the seeded random source, the
batched writer that also writes the history rows the services would, and the
timing per table group (README "Development": generate_data)."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import time
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connection
from django.db.models.fields.files import FieldFile

TRIPOLI = ZoneInfo("Africa/Tripoli")
BATCH = 2000


@dataclass
class Plan:
    """How much to make: ``scale`` 1 is M (ten years of one country)."""

    scale: float
    seed: int
    today: dt.date

    def n(self, at_m: int, minimum: int = 1) -> int:
        return max(minimum, round(at_m * self.scale))


@dataclass
class Run:
    """The state one generation shares between its areas."""

    plan: Plan
    rng: random.Random
    counts: Counter = field(default_factory=Counter)
    copier: Copier | None = None
    seconds: defaultdict = field(default_factory=lambda: defaultdict(float))
    # Filled by the areas in order: directory → meetings → projects → documents.
    users: dict = field(default_factory=dict)
    swgs: list = field(default_factory=list)
    secretariat_of: dict = field(default_factory=dict)
    chair_user_of: dict = field(default_factory=dict)
    orgs: list = field(default_factory=list)
    org_by_key: dict = field(default_factory=dict)
    contacts_of: dict = field(default_factory=dict)
    contact_rows: dict = field(default_factory=dict)
    memberships: dict = field(default_factory=dict)
    meetings_of: dict = field(default_factory=dict)

    @property
    def today(self) -> dt.date:
        return self.plan.today

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self, day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TRIPOLI)

    @contextmanager
    def group(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start

    def save(self, model, objs: list, *, history=None) -> list:
        """``bulk_create`` in batches (primary keys come back on PostgreSQL and
        SQLite), then one history row per object when ``history`` is given:
        ``(when, user_id)`` functions of the object, the row a service's
        ``save()`` would have written (coordination/history.py)."""
        if not objs:
            return objs
        write(self, model, objs)
        self.counts[model._meta.verbose_name_plural.title()] += len(objs)
        if history is not None:
            self.history(model, objs, *history)
        return objs

    def history(self, model, objs: list, when, user_id, kind: str = "+", **changed) -> None:
        """History rows for ``objs`` as they are now, overriding ``changed``
        fields (a callable per field, of the object): an earlier state."""
        historical = model.history.model
        names = [f.attname for f in historical.tracked_fields]
        rows = []
        for obj in objs:
            values = {name: getattr(obj, name) for name in names}
            for name, value in changed.items():
                values[name] = value(obj) if callable(value) else value
            rows.append(
                historical(
                    history_date=when(obj),
                    history_user_id=user_id(obj),
                    history_type=kind,
                    **values,
                )
            )
        write(self, historical, rows)
        self.counts["History rows"] += len(rows)


def write(run: Run, model, objs: list) -> None:
    if run.copier is not None:
        run.copier.copy(model, objs)
    else:
        model.objects.bulk_create(objs, batch_size=BATCH)


def _escape(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return _escape(value.name)
    return str(value)


class Copier:
    """PostgreSQL's COPY, several times faster than INSERT for large tables.
    Primary keys are handed out here (the database is empty but for reference
    rows, whose highest key is read once) and the sequences are moved past them
    at the end (``finish``)."""

    def __init__(self):
        self.next_pk: dict = {}

    def copy(self, model, objs: list) -> None:
        meta = model._meta
        pk = meta.pk
        if model not in self.next_pk:
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT COALESCE(MAX("{pk.column}"), 0) FROM "{meta.db_table}"')
                self.next_pk[model] = cursor.fetchone()[0] + 1
        start = self.next_pk[model]
        for offset, obj in enumerate(objs):
            setattr(obj, pk.attname, start + offset)
            obj._state.adding = False
        self.next_pk[model] = start + len(objs)
        fields = meta.concrete_fields
        json_fields = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
        names = [f.attname for f in fields]
        buffer = io.StringIO()
        for obj in objs:
            values = []
            for name in names:
                value = getattr(obj, name)
                if name in json_fields:
                    value = json.dumps(value)
                values.append(_escape(value))
            buffer.write("\t".join(values))
            buffer.write("\n")
        buffer.seek(0)
        columns = ", ".join(f'"{f.column}"' for f in fields)
        with connection.cursor() as cursor:
            cursor.copy_expert(f'COPY "{meta.db_table}" ({columns}) FROM STDIN', buffer)

    def finish(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.next_pk))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@contextmanager
def given_times(*models):
    """Keep the creation and change times the generator sets: ``bulk_create``
    would stamp ``auto_now``/``auto_now_add`` fields with the present moment, and
    ten years of data created "now" would show nothing the pages sort by."""
    flags = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                flags.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in flags:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def weighted(rng: random.Random, choices: list[tuple[object, float]]):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]
