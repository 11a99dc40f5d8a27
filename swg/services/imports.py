"""Imports of uploaded files as Celery jobs (DESIGN §5: long work runs in
Celery and the page polls its progress), for every kind of import. A kind
(contacts, projects) registers two functions with ``import_kind_register``:
``check(run)`` reads the file with the guarded reader
(``coordination.spreadsheets.reader``) and validates every row, writing
nothing; ``write(result, by)`` saves the checked rows. A kind registered with
``confirm=True`` (projects: DESIGN §3 "preview of new, changed and unchanged
projects → confirm") stops after a clean check with ``result.preview``, and
writes only on a second run that the person started with
``import_job_confirm``; that run checks the file again, so what it writes is
what the database holds now.

The job's states, and the only ways it moves between them:

- **queued**: ``import_job_start`` stores the upload (the request parses
  nothing) and queues the task once the row is committed. ``heartbeat_at`` is
  when it was last put in the queue.
- **running**: ``import_job_claim``, one conditional UPDATE, so that of two
  deliveries of the task only one runs. ``attempts`` counts the claims and is
  the run's token: every later write of the run is conditional on it, so a run
  that has been given up cannot overwrite what came after. The run writes
  ``progress`` and ``heartbeat_at`` as it goes.
- **checked** (a kind that asks for confirmation: clean, nothing saved, the
  preview stored); ``import_job_confirm`` queues it again, confirmed.
- **invalid** (a row has a problem: nothing saved), **done** (all saved, in
  the same transaction that marks the job done, under a lock on the job's
  row), or **failed** (the file cannot be read, or is over a limit).
- A running job whose worker has been quiet for ``IMPORT_JOB_STALE_SECONDS``
  (its worker died) is **failed** and ``interrupted`` by
  ``import_jobs_sweep`` (beat, every minute; the job's page too), and
  ``import_job_retry`` queues it again. The sweep skips a job whose run holds
  the lock of its final write, and also queues again a job whose task was
  lost before any worker took it.

A task delivered twice (workers acknowledge late) finds the job running with
a fresh heartbeat, or finished, and does nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordination.spreadsheets.reader import SheetRow
from coordination.spreadsheets.writer import BYTE_ORDER_MARK, csv_line

from ..models import ImportJob

log = logging.getLogger(__name__)
Status = ImportJob.Status

# The page lists this many problems; the rejected-rows file has them all.
ERRORS_KEPT = 200
# A run writes its heartbeat at least this often while it makes progress, and
# a new percentage at most every settings.IMPORT_PROGRESS_SECONDS.
HEARTBEAT_SECONDS = 5


# Rows held in memory before a ``RowSpool`` puts them in a file on disk.
SPOOL_BYTES = 1024 * 1024


class RowSpool:
    """A list of rows in a temporary file (on disk beyond ``SPOOL_BYTES``),
    appended one by one and read back in order: an import's memory does not
    grow with its rows (docs/architecture.md "Long work"). The rows are the
    run's own (pickled by this run, read back by it)."""

    def __init__(self):
        self._file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+b")
        self._count = 0

    def append(self, row) -> None:
        self._file.seek(0, 2)
        pickle.dump(row, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator:
        position = 0
        for _index in range(self._count):
            self._file.seek(position)  # an append in between moved it
            row = pickle.load(self._file)
            position = self._file.tell()
            yield row

    def chunks(self, size: int) -> Iterator[list]:
        """The rows, ``size`` at a time."""
        chunk = []
        for row in self:
            chunk.append(row)
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def close(self) -> None:
        self._file.close()


class JobLost(Exception):
    """The run no longer owns its job (the sweeper gave it up): it stops and
    writes nothing more."""


@dataclasses.dataclass
class ImportResult:
    """What ``check`` found: the cleaned rows for ``write``, or the problems.
    ``rows`` is a list, or a ``RowSpool`` where the rows are plain data that
    can wait on disk (the contacts).

    ``reject`` keeps the first ``ERRORS_KEPT`` problems for the page, counts
    them all, and writes each rejected row with its problems to a temporary
    CSV file as it goes (memory stays small however bad the file)."""

    header: tuple = ()
    total: int = 0
    rows: list | RowSpool = dataclasses.field(default_factory=list)
    errors: list[dict] = dataclasses.field(default_factory=list)
    error_count: int = 0
    created: int = 0
    updated: int = 0
    preview: dict = dataclasses.field(default_factory=dict)
    rejected: tempfile.SpooledTemporaryFile | None = None

    def reject(self, row: SheetRow, problems: list[tuple[str, str]]) -> None:
        """Reject ``row`` for ``problems``, each a (column, message) pair."""
        for column, message in problems:
            self.error_count += 1
            if len(self.errors) < ERRORS_KEPT:
                self.errors.append(
                    {"sheet": row.sheet, "row": row.number, "column": column, "message": message}
                )
        if self.rejected is None:
            self.rejected = tempfile.SpooledTemporaryFile(max_size=1024 * 1024, mode="w+b")
            self._write_line(BYTE_ORDER_MARK + csv_line(["row", *self.header, "errors"]))
        described = "; ".join(f"{column}: {message}" for column, message in problems)
        cells = list(row.values) + [""] * (len(self.header) - len(row.values))
        self._write_line(csv_line([row.number, *cells, described]))

    def _write_line(self, line: str) -> None:
        self.rejected.write(line.encode("utf-8"))


@dataclasses.dataclass(frozen=True)
class ImportKind:
    check: Callable[[JobRun], ImportResult]
    write: Callable[[ImportResult, object], None]
    confirm: bool = False


_KINDS: dict[str, ImportKind] = {}


def import_kind_register(
    kind: str,
    *,
    check,
    write,
    confirm: bool = False,
    status_url: str = "swg:contact_import_status",
) -> None:
    """Called from an app's ``ready()``; a kind registered twice is an error.
    ``status_url`` names the page of a job of this kind (it takes the job's pk)."""
    if kind in _KINDS:
        raise ImproperlyConfigured(f"import kind {kind!r} is registered twice")
    _KINDS[kind] = ImportKind(check=check, write=write, confirm=confirm)
    ImportJob.STATUS_URLS[kind] = status_url


def import_kind(kind: str) -> ImportKind:
    return _KINDS[kind]


class JobRun:
    """One claimed run of a job: what ``check`` is given."""

    def __init__(self, job: ImportJob):
        self.job = job
        self.attempt = job.attempts
        self._beat_at = time.monotonic()

    def _mine(self):
        return ImportJob.objects.filter(
            pk=self.job.pk, attempts=self.attempt, status=Status.RUNNING
        )

    def progress(self, percent: int) -> None:
        """Show ``percent`` on the page and that the worker is alive; raises
        ``JobLost`` when the job has been given up meanwhile."""
        # A new percentage is written at most every IMPORT_PROGRESS_SECONDS
        # (read here, so that override_settings reaches it): each write is a
        # commit, and thousands of rows must not wait for them.
        waited = time.monotonic() - self._beat_at
        if percent == self.job.progress:
            wait = HEARTBEAT_SECONDS
        else:
            wait = settings.IMPORT_PROGRESS_SECONDS
        if waited < wait:
            return
        if not self._mine().update(progress=percent, heartbeat_at=timezone.now()):
            raise JobLost
        self.job.progress = percent
        self._beat_at = time.monotonic()

    def lock(self) -> None:
        """Inside the transaction of the final write: hold the job's row so that
        the sweeper leaves it alone; ``JobLost`` if it was given up."""
        if not self._mine().select_for_update().exists():
            raise JobLost

    def finish(self, status: str, *, result: ImportResult | None = None, message: str = "") -> str:
        """Record how the run ended (if the run still owns the job); returns ``status``."""
        fields = {
            "status": status,
            "progress": 100,
            "finished_at": timezone.now(),
            "message": message,
        }
        rejected = self.job.rejected_file
        if result is not None:
            fields.update(
                total_rows=result.total,
                errors=result.errors,
                error_count=result.error_count,
                created_count=result.created,
                updated_count=result.updated,
                preview=result.preview,
            )
            if result.rejected is not None:
                with result.rejected:
                    result.rejected.seek(0)
                    rejected.save(
                        f"rejected-rows-{self.job.pk}.csv", File(result.rejected), save=False
                    )
                fields["rejected_file"] = rejected.name
        if not self._mine().update(**fields):
            if "rejected_file" in fields:
                rejected.delete(save=False)
            raise JobLost
        return status


def _queue(job_id: int) -> None:
    from ..tasks import import_job  # the task module imports this one

    import_job.delay(job_id)


def _queue_on_commit(job_id: int) -> None:
    # robust: with the broker down the upload still succeeds; the sweeper
    # queues the job again later.
    transaction.on_commit(functools.partial(_queue, job_id), robust=True)


def import_job_start(*, upload, kind: str, by, options: dict | None = None) -> ImportJob:
    """Store the upload as a queued job and queue it once the transaction
    commits. The file is not opened here: reading it is the job's work.
    ``options`` (JSON) are what the person chose with the upload."""
    import_kind(kind)  # an unknown kind fails here, not in the worker
    job = ImportJob.objects.create(
        kind=kind,
        options=options or {},
        file=upload,
        original_name=upload.name[:255],
        created_by=by,
        heartbeat_at=timezone.now(),
    )
    _queue_on_commit(job.pk)
    return job


def import_job_claim(*, job_id: int) -> JobRun | None:
    """Take a queued job for this run; None when it is running elsewhere or
    finished (a task delivered twice)."""
    claimed = ImportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, attempts=F("attempts") + 1, heartbeat_at=timezone.now(), progress=0
    )
    if not claimed:
        return None
    return JobRun(ImportJob.objects.select_related("created_by").get(pk=job_id))


def _status(job_id: int) -> str:
    return ImportJob.objects.filter(pk=job_id).values_list("status", flat=True).get()


def import_job_run(*, job_id: int) -> str:
    """The worker's side: claim the job, check the file, write it all or
    nothing; returns the job's status.

    ``check`` raises ``ValueError`` (``SpreadsheetRejected`` among them) with
    a message for the user when the file cannot be read; any other error fails
    the job with a general message (a broken file must end the job visibly,
    not hang it)."""
    run = import_job_claim(job_id=job_id)
    if run is None:
        return _status(job_id)
    kind = import_kind(run.job.kind)
    # Messages are stored as shown: in the language of the person who uploaded.
    with translation.override(run.job.created_by.language):
        try:
            result = kind.check(run)
            if result.error_count:
                return run.finish(Status.INVALID, result=result)
            if kind.confirm and not run.job.confirmed:
                return run.finish(Status.CHECKED, result=result)
            with transaction.atomic():
                run.lock()
                kind.write(result, run.job.created_by)
                return run.finish(Status.DONE, result=result)
        except JobLost:
            log.warning("%s import %s was given up while it ran", run.job.kind, job_id)
            return _status(job_id)
        except ValueError as exc:
            return _fail(run, str(exc))
        except Exception:
            log.exception("%s import %s failed", run.job.kind, job_id)
            return _fail(run, _("The file could not be read. Check its format."))


def _fail(run: JobRun, message: str) -> str:
    try:
        return run.finish(Status.FAILED, message=message)
    except JobLost:
        return _status(run.job.pk)


def import_jobs_sweep(
    *, older_than: dt.timedelta | None = None, job_ids: list[int] | None = None
) -> list[int]:
    """Give up running jobs whose worker has been quiet for ``older_than``
    (default ``IMPORT_JOB_STALE_SECONDS``) and queue again queued jobs whose
    task seems lost; ``job_ids`` limits it to those jobs. Returns the ids of
    the jobs given up."""
    if older_than is None:
        older_than = dt.timedelta(seconds=settings.IMPORT_JOB_STALE_SECONDS)
    now = timezone.now()
    cutoff = now - older_than
    # Jobs from before heartbeats were kept count from their upload.
    jobs = ImportJob.objects.filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)
    )
    if job_ids is not None:
        jobs = jobs.filter(pk__in=job_ids)
    with transaction.atomic():
        # A run in its final write holds its row locked: not quiet, just busy.
        quiet = list(
            jobs.filter(status=Status.RUNNING)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        ImportJob.objects.filter(pk__in=quiet, status=Status.RUNNING).update(
            status=Status.FAILED, interrupted=True, finished_at=now, message=""
        )
        lost = list(
            jobs.filter(status=Status.QUEUED)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        ImportJob.objects.filter(pk__in=lost, status=Status.QUEUED).update(heartbeat_at=now)
        for job_id in lost:
            _queue_on_commit(job_id)
    return sorted(quiet)


def import_job_retry(*, job: ImportJob) -> ImportJob:
    """Queue again a job whose worker died (given up first if its worker has
    just gone quiet)."""
    import_jobs_sweep(job_ids=[job.pk])
    with transaction.atomic():
        requeued = ImportJob.objects.filter(
            pk=job.pk, status=Status.FAILED, interrupted=True
        ).update(
            status=Status.QUEUED,
            interrupted=False,
            progress=0,
            message="",
            finished_at=None,
            heartbeat_at=timezone.now(),
        )
        if not requeued:
            raise ValidationError(
                _("Only an import that stopped before it finished can be retried.")
            )
        _queue_on_commit(job.pk)
    job.refresh_from_db()
    return job


def import_job_confirm(*, job: ImportJob, by) -> ImportJob:
    """The person saw the preview and confirms: run the job again to write.
    Only the uploader confirms (the job is theirs alone), once."""
    with transaction.atomic():
        confirmed = ImportJob.objects.filter(
            pk=job.pk, status=Status.CHECKED, created_by=by
        ).update(
            status=Status.QUEUED,
            confirmed=True,
            progress=0,
            finished_at=None,
            heartbeat_at=timezone.now(),
        )
        if not confirmed:
            raise ValidationError(_("Only a checked import waiting for confirmation can be saved."))
        _queue_on_commit(job.pk)
    job.refresh_from_db()
    return job


def import_jobs_purge() -> int:
    """Delete jobs older than IMPORT_RETENTION_DAYS with their uploaded and
    rejected-rows files (personal data, kept only as long as needed); returns how many."""
    cutoff = timezone.now() - dt.timedelta(days=settings.IMPORT_RETENTION_DAYS)
    count = 0
    for job in ImportJob.objects.filter(created_at__lt=cutoff):
        job.file.delete(save=False)
        job.rejected_file.delete(save=False)
        job.delete()
        count += 1
    return count
