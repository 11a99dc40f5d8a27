"""Backup and restore: what an operator checks after restoring — every table
has as many rows as before and an uploaded document has the same bytes."""

import datetime as dt
import io
import sqlite3
import tarfile
import uuid
from contextlib import closing
from pathlib import Path

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from coordination import backup
from coordination.celery import app
from coordination.tasks import backup_task
from swg.models import ImportJob
from tests.conftest import need
from tests.worker_support import test_database_url

DOCUMENT = b"email,organization\nsalma@who.example,WHO\n" + bytes(range(256))
NOW = dt.datetime(2026, 11, 24, 2, 30, tzinfo=dt.UTC)


# ------------------------------------------------------------------ PostgreSQL


@pytest.fixture
def fresh_database(transactional_db):
    """The URL of a new, empty PostgreSQL database beside the test one, dropped after."""
    need(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL=postgres://...)")
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    source_url = test_database_url()
    admin = psycopg2.connect(source_url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield source_url.rsplit("/", 1)[0] + "/" + name
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _source_row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def _restored_row_counts(url: str) -> dict[str, int]:
    with closing(psycopg2.connect(url)) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        counts = {}
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
        cursor.execute("SELECT file FROM swg_importjob")
        return counts, [row[0] for row in cursor.fetchall()]


@pytest.mark.services
def test_it_restores_every_row_and_document_into_a_fresh_postgresql_database(
    world, fresh_database, settings, tmp_path
):
    job = ImportJob.objects.create(
        file=ContentFile(DOCUMENT, name="contacts.csv"),
        original_name="contacts.csv",
        created_by=world.secretariat_x,
    )
    settings.BACKUP_DIR = tmp_path / "backups"

    call_command("backup")
    (archive,) = Path(settings.BACKUP_DIR).glob("swg-backup-*.tar.gz")
    restored_media = tmp_path / "restored-media"
    call_command(
        "restore", str(archive), "--database-url", fresh_database, "--media-root", restored_media
    )

    source = _source_row_counts()
    restored, files = _restored_row_counts(fresh_database)
    assert restored == source
    assert source["swg_contact"] >= 3 and source["accounts_user"] >= 7
    assert files == [job.file.name]
    assert (restored_media / job.file.name).read_bytes() == DOCUMENT


@pytest.mark.services
def test_it_refuses_to_restore_into_a_database_that_has_tables(world, settings, tmp_path):
    need(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL=postgres://...)")
    archive = backup.backup_create(directory=tmp_path)
    before = _source_row_counts()

    with pytest.raises(CommandError, match="is not empty"):
        call_command(
            "restore",
            str(archive),
            "--database-url",
            test_database_url(),
            "--media-root",
            tmp_path / "media",
        )
    assert _source_row_counts() == before


@pytest.mark.services
def test_the_nightly_task_writes_an_archive_and_prunes(transactional_db, settings, tmp_path):
    need(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL=postgres://...)")
    settings.BACKUP_DIR = tmp_path
    settings.BACKUP_RETENTION_DAYS, settings.BACKUP_KEEP_AT_LEAST = 30, 1
    old = tmp_path / "swg-backup-20200101T000000Z.tar.gz"
    old.write_bytes(b"an old archive")

    written = Path(backup_task())

    assert list(tmp_path.glob("swg-backup-*.tar.gz")) == [written]
    manifest = backup.backup_read_manifest(written)
    assert manifest["database"]["tables"]["swg_swg"] >= 7


def test_the_nightly_task_does_nothing_when_switched_off(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path
    settings.BACKUP_SCHEDULE_ENABLED = False

    assert backup_task() is None
    assert list(tmp_path.iterdir()) == []


def test_beat_runs_the_backup_every_night(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["backup"]
    assert entry["task"] in app.tasks
    assert entry["task"] == backup_task.name
    assert (entry["schedule"].hour, entry["schedule"].day_of_month) == ({2}, set(range(1, 32)))


# ------------------------------------------------------------------ SQLite (make run)


@pytest.fixture
def sqlite_portal(tmp_path):
    """A small SQLite database and a folder of private files, as `make run` has."""
    path = tmp_path / "portal.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE meeting (id INTEGER PRIMARY KEY, title TEXT)")
        conn.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY, email TEXT)")
        conn.executemany("INSERT INTO meeting (title) VALUES (?)", [("Health",), ("Education",)])
        conn.execute("INSERT INTO contact (email) VALUES ('a@who.example')")
        conn.commit()
    media = tmp_path / "private"
    (media / "imports/2026/11").mkdir(parents=True)
    (media / "imports/2026/11/0f3a.csv").write_bytes(DOCUMENT)
    return backup.Database(vendor="sqlite", name=str(path)), media


def test_it_restores_a_sqlite_backup(sqlite_portal, tmp_path):
    database, media = sqlite_portal
    archive = backup.backup_create(
        directory=tmp_path / "backups", database=database, media_root=media
    )

    restored_db = tmp_path / "restored" / "portal.sqlite3"
    backup.backup_restore(
        archive=archive, database_url=f"sqlite:///{restored_db}", media_root=tmp_path / "files"
    )

    with closing(sqlite3.connect(restored_db)) as conn:
        titles = [row[0] for row in conn.execute("SELECT title FROM meeting ORDER BY id")]
        emails = [row[0] for row in conn.execute("SELECT email FROM contact")]
    assert (titles, emails) == (["Health", "Education"], ["a@who.example"])
    assert (tmp_path / "files/imports/2026/11/0f3a.csv").read_bytes() == DOCUMENT


def test_the_manifest_says_what_the_archive_holds(sqlite_portal, tmp_path):
    database, media = sqlite_portal
    archive = backup.backup_create(directory=tmp_path, database=database, media_root=media, now=NOW)

    assert archive.name == "swg-backup-20261124T023000Z.tar.gz"
    assert archive.stat().st_mode & 0o077 == 0  # nobody but the operator reads it
    manifest = backup.backup_read_manifest(archive)
    assert manifest["created_at"] == "2026-11-24T02:30:00+00:00"
    assert manifest["portal_version"] == backup.portal_version()
    assert manifest["database"]["tables"] == {"contact": 1, "meeting": 2}
    assert set(manifest["files"]) == {"database.sqlite3", "media/imports/2026/11/0f3a.csv"}


def test_it_refuses_to_write_backups_among_the_files_it_backs_up(sqlite_portal):
    database, media = sqlite_portal

    with pytest.raises(backup.BackupError, match="keep backups outside the files"):
        backup.backup_create(directory=media / "backups", database=database, media_root=media)


def test_it_writes_nothing_from_a_damaged_archive(sqlite_portal, tmp_path):
    database, media = sqlite_portal
    archive = backup.backup_create(
        directory=tmp_path / "backups", database=database, media_root=media
    )
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name.startswith("media/"):
                content = content.replace(b"salma", b"SALMA")
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))

    with pytest.raises(backup.BackupError, match="does not match its checksum"):
        backup.backup_restore(
            archive=damaged,
            database_url=f"sqlite:///{tmp_path / 'restored.sqlite3'}",
            media_root=tmp_path / "files",
        )
    assert not (tmp_path / "restored.sqlite3").exists()
    assert not (tmp_path / "files").exists()


# ------------------------------------------------------------------ retention


def _archives(directory: Path, days_ago: list[int], now=NOW) -> dict[int, Path]:
    paths = {}
    for days in days_ago:
        when = now - dt.timedelta(days=days)
        path = directory / f"swg-backup-{when.strftime('%Y%m%dT%H%M%SZ')}.tar.gz"
        path.write_bytes(b"archive")
        paths[days] = path
    return paths


def test_it_prunes_archives_older_than_the_retention(tmp_path):
    archives = _archives(tmp_path, [0, 10, 29, 31, 45, 90])
    (tmp_path / "notes.txt").write_text("not an archive")

    deleted = backup.backup_prune(directory=tmp_path, retention_days=30, keep_at_least=2, now=NOW)

    assert sorted(deleted) == sorted([archives[31], archives[45], archives[90]])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [archives[0].name, archives[10].name, archives[29].name, "notes.txt"]
    )


def test_it_keeps_the_newest_archives_however_old(tmp_path):
    archives = _archives(tmp_path, [40, 50, 60, 70])

    backup.backup_prune(directory=tmp_path, retention_days=30, keep_at_least=2, now=NOW)

    assert sorted(tmp_path.iterdir()) == sorted([archives[40], archives[50]])


@pytest.mark.services
def test_the_backup_command_prunes_by_the_retention_settings(transactional_db, settings, tmp_path):
    need(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL=postgres://...)")
    settings.BACKUP_DIR = tmp_path
    settings.BACKUP_RETENTION_DAYS, settings.BACKUP_KEEP_AT_LEAST = 7, 1
    old = _archives(tmp_path, [8, 400], now=dt.datetime.now(dt.UTC))

    call_command("backup")

    (remaining,) = tmp_path.glob("swg-backup-*.tar.gz")
    assert remaining not in old.values()
