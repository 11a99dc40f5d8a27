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
        if self.copier is not None:
            # Straight to COPY: no model instances for rows nobody reads back.
            fixed = {"history_change_reason": None, "history_type": kind}
            order = [f.attname for f in stored_fields(historical._meta)]
            rows = []
            for obj in objs:
                values = {name: getattr(obj, name) for name in names}
                for name, value in changed.items():
                    values[name] = value(obj) if callable(value) else value
                values.update(fixed, history_date=when(obj), history_user_id=user_id(obj))
                rows.append([values.get(name) for name in order])
            self.copier.copy_values(historical, rows)
        else:
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
            historical.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["History rows"] += len(rows)


def write(run: Run, model, objs: list) -> None:
    if run.copier is not None:
        run.copier.copy(model, objs)
    else:
        model.objects.bulk_create(objs, batch_size=BATCH)


def _text(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


_FORMATS = {
    type(None): lambda v: "\\N",
    bool: lambda v: "t" if v else "f",
    str: _text,
    int: str,
    dt.datetime: dt.datetime.isoformat,
    dt.date: dt.date.isoformat,
}


def _escape(value) -> str:
    """One value in PostgreSQL's COPY text format."""
    format_ = _FORMATS.get(type(value))
    if format_ is not None:
        return format_(value)
    if isinstance(value, FieldFile):
        return _text(value.name)
    if isinstance(value, str):  # lazy translations and str subclasses (choices)
        return _text(str(value))
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
        start = self._take(model, len(objs))
        for offset, obj in enumerate(objs):
            setattr(obj, pk.attname, start + offset)
            obj._state.adding = False
        fields = stored_fields(meta)
        json_fields = {f.attname for f in fields if f.get_internal_type() == "JSONField"}
        rows = []
        for obj in objs:
            values = [getattr(obj, f.attname) for f in fields]
            rows.append(values)
        if json_fields:
            indexes = [i for i, f in enumerate(fields) if f.attname in json_fields]
            for values in rows:
                for i in indexes:
                    values[i] = json.dumps(values[i])
        self._copy(model, rows)

    def copy_values(self, model, rows: list[list]) -> None:
        """Rows of values in the order of the model's concrete fields, the
        primary key left empty (handed out here)."""
        index = [f.attname for f in stored_fields(model._meta)].index(model._meta.pk.attname)
        start = self._take(model, len(rows))
        for offset, values in enumerate(rows):
            values[index] = start + offset
        self._copy(model, rows)

    def _take(self, model, count: int) -> int:
        if model not in self.next_pk:
            meta = model._meta
            with connection.cursor() as cursor:
                cursor.execute(
                    f'SELECT COALESCE(MAX("{meta.pk.column}"), 0) FROM "{meta.db_table}"'
                )
                self.next_pk[model] = cursor.fetchone()[0] + 1
        start = self.next_pk[model]
        self.next_pk[model] = start + count
        return start

    def _copy(self, model, rows: list[list]) -> None:
        buffer = io.StringIO()
        buffer.writelines("\t".join(map(_escape, values)) + "\n" for values in rows)
        buffer.seek(0)
        meta = model._meta
        columns = ", ".join(f'"{f.column}"' for f in stored_fields(meta))
        with connection.cursor() as cursor:
            cursor.copy_expert(f'COPY "{meta.db_table}" ({columns}) FROM STDIN', buffer)

    def finish(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.next_pk))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def stored_fields(meta) -> list:
    """The columns a row is written with: the concrete fields but those the
    database computes itself (``GeneratedField``)."""
    return [f for f in meta.concrete_fields if not getattr(f, "generated", False)]


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
