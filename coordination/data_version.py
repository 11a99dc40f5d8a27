"""A version of the portal's data, for caching figures computed from it
without ever showing stale ones (docs/architecture.md, "Figures cache").

The apps whose figures are cached name the apps they read (``watch("swg",
"projects_db")`` from their ``ready()``). Every table of a watched app carries a
statement-level PostgreSQL trigger that records the writing transaction in
``coordination_datachange``: one row per transaction, whose ``stamp`` each
statement sets to a new value of a sequence. The row commits with the write, so
a reader sees the new version exactly when it sees the new data; bulk writes,
``QuerySet.update()``, imports and raw SQL count like any ``save()``. Rows of
different transactions never touch each other: writers do not wait on one
another.

The version is the count, the sum of the transaction ids and the sum of the
stamps. It moves with every write, and never comes back: a sequence never gives
a value twice, even when a savepoint or a transaction is rolled back. A
transaction that wrote sees its own row, so its version is its own (uncommitted
figures are kept under a version no other transaction can read). PostgreSQL
only: on another database there is no version and ``cached`` computes every
time."""

from __future__ import annotations

from django.apps import apps
from django.core.cache import cache
from django.db import connection, connections, transaction
from django.utils.translation import get_language

# Past this many rows the version query folds them into one (a new version too).
COMPACT_AFTER = 500
# Entries of older versions are never read again; they leave after a day.
TIMEOUT = 24 * 3600
TABLE = "coordination_datachange"
SEQUENCE = "coordination_datachange_stamp"

_watched: set[str] = set()

FUNCTION = f"""
CREATE SEQUENCE IF NOT EXISTS {SEQUENCE};
CREATE OR REPLACE FUNCTION coordination_data_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TABLE} (txid, stamp) VALUES (txid_current(), nextval('{SEQUENCE}'))
    ON CONFLICT (txid) DO UPDATE SET stamp = excluded.stamp;
    RETURN NULL;
END
$$;
"""
TRIGGER = """
CREATE OR REPLACE TRIGGER coordination_data_changed
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION coordination_data_changed();
"""


def watch(*labels: str) -> None:
    """Watch every table of these apps (called from an ``AppConfig.ready()``)."""
    _watched.update(labels)


def watched_tables() -> list[str]:
    """The tables of the watched apps, many-to-many tables included; history
    tables (django-simple-history) are left out: they only repeat a write."""
    tables = set()
    for label in sorted(_watched):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            meta = model._meta
            if meta.proxy or not meta.managed or model.__name__.startswith("Historical"):
                continue
            tables.add(meta.db_table)
    return sorted(tables)


def install_triggers(using: str = "default", **kwargs) -> None:
    """Create or replace the function and one trigger per watched table; run
    after every ``migrate`` (``post_migrate``), so a table added later is
    watched too. Nothing while the table of changes is missing (a database
    migrated back past it)."""
    conn = connections[using]
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cursor:
        existing = set(conn.introspection.table_names(cursor))
        if TABLE not in existing:
            return
        cursor.execute(FUNCTION)
        for table in watched_tables():
            if table in existing:
                cursor.execute(TRIGGER.format(table=conn.ops.quote_name(table)))


def data_version() -> str | None:
    """The current version (one query), or None where it cannot be known."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), sum(txid), sum(stamp) FROM {TABLE}")
        count, txids, stamps = cursor.fetchone()
    if count > COMPACT_AFTER:
        compact()
    return f"{count}.{txids or 0}.{stamps or 0}"


def compact() -> None:
    """Fold the committed rows into one, under the negated largest id among
    them and a new stamp, so the version moves on."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH gone AS (DELETE FROM {TABLE} RETURNING txid)
            INSERT INTO {TABLE} (txid, stamp)
            SELECT -max(abs(txid)), nextval('{SEQUENCE}') FROM gone HAVING count(*) > 0
            ON CONFLICT (txid) DO UPDATE SET stamp = excluded.stamp
            """
        )


def cached(name: str, build, *parts):
    """``build()``, or what it returned at the current data version for the same
    ``parts`` (strings, numbers or dates) in the same language. ``parts`` must
    name everything the result depends on besides the watched apps' data (the
    period, the day, the user's scope)."""
    version = data_version()
    if version is None:
        return build()
    key = ":".join(["figures", name, version, get_language() or "", *map(str, parts)])
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, TIMEOUT)
    return found
