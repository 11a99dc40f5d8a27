"""Real ``celery worker`` subprocesses for the tests that need PostgreSQL and Redis.

Use it from a fixture, after :func:`need_worker_services`::

    from tests import worker_support

    @pytest.fixture
    def workers(transactional_db, tmp_path):
        broker = worker_support.need_worker_services()
        with worker_support.Workers(broker=broker, log_dir=tmp_path) as pool:
            yield pool  # the test calls pool.start(), pool.dispatch(task, ...)

Each :class:`Workers` has a queue nobody else listens to; its workers use the
committed test database (hence ``transactional_db``), each runs in its own
process group so that a kill takes a prefork pool's children with it, and on
leaving the ``with`` every worker is stopped and the queue is gone from Redis.
"""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import need

BASE_DIR = Path(settings.BASE_DIR)
START_TIMEOUT = 30
LOG_TAIL = 4000  # characters of each worker's log in a failure message


def test_database_url() -> str:
    """``DATABASE_URL`` for the database this test run uses (the test one)."""
    db = connection.settings_dict
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{db.get('HOST') or ''}{port}/{quote(db['NAME'], safe='')}"


test_database_url.__test__ = False  # a helper, not a test, wherever it is imported


def redis_client(url: str):
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)


def redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis_client(url).ping())
    except redis.RedisError:
        return False


def redis_broker_url() -> str:
    """The configured broker, which must be Redis (``need``)."""
    url = settings.CELERY_BROKER_URL
    need(url.startswith(("redis://", "rediss://")), "a Redis CELERY_BROKER_URL")
    return url


def need_worker_services() -> str:
    """PostgreSQL and an answering Redis broker (``need``); returns the broker URL."""
    need(connection.vendor == "postgresql", "PostgreSQL (the workers need the committed test DB)")
    broker = redis_broker_url()
    need(redis_answers(broker), f"Redis at {broker}")
    return broker


def wait_for(condition, *, timeout: float, what: str, workers=None, interval: float = 0.01):
    """Poll ``condition`` until it is true; fail with the workers' logs after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    logs = workers.logs() if workers else ""
    pytest.fail(f"timed out after {timeout}s waiting for {what}\n--- worker logs ---\n{logs}")


class Workers:
    """Celery worker subprocesses on one private queue, each in its own
    process group so that a kill takes the pool's children with it.

    ``env`` adds to (or overrides) the environment every worker gets: this
    process's, pointed at the test database and ``broker``, tasks not eager.
    """

    def __init__(
        self, *, broker: str, log_dir: Path, env: dict | None = None, prefix: str = "test-worker"
    ):
        self.broker = broker
        self.queue = f"{prefix}-{uuid.uuid4().hex}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "coordination.settings",
            "DATABASE_URL": test_database_url(),
            "CELERY_BROKER_URL": broker,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            # The worker reads the files this test stored.
            "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        self.log_dir = log_dir
        self.started: list[tuple[subprocess.Popen, Path]] = []

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self.stop_all()
        finally:
            self.purge()

    def dispatch(self, task, *args, **options):
        """Send ``task(*args)`` to this queue; returns its AsyncResult."""
        return task.apply_async(args=list(args), queue=self.queue, **options)

    def start(self, *, pool: str = "prefork", concurrency: int = 2) -> subprocess.Popen:
        """Start one more worker and wait until it logs "ready."."""
        n = len(self.started)
        log = self.log_dir / f"worker-{n}.log"
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "coordination",
            "worker",
            f"--pool={pool}",
            f"--concurrency={concurrency}",
            "-Q",
            self.queue,
            "-n",
            f"{self.queue}-{n}@%h",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "--loglevel=INFO",
        ]
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as a whole
            )
        self.started.append((process, log))

        def ready():
            if process.poll() is not None:
                pytest.fail(f"the worker exited ({process.returncode}):\n{self.logs()}")
            return " ready." in log.read_text(errors="replace")

        wait_for(ready, timeout=START_TIMEOUT, what="the worker to start", workers=self)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL: no warm shutdown, no acknowledgement."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def log_text(self, process: subprocess.Popen | None = None) -> str:
        """One worker's whole log; without ``process``, every worker's."""
        paths = [path for p, path in self.started if process is None or p is process]
        return "".join(path.read_text(errors="replace") for path in paths if path.exists())

    def succeeded(self, process: subprocess.Popen) -> int:
        """How many tasks ``process`` has finished successfully."""
        return self.log_text(process).count("] succeeded in ")

    def queue_length(self) -> int:
        return redis_client(self.broker).llen(self.queue)

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-LOG_TAIL:]}"
            for _process, path in self.started
            if path.exists()
        )

    def stop_all(self) -> None:
        for process, _log in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process, _log in self.started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def purge(self) -> None:
        """Leave nothing of this queue in Redis: its list, its kombu binding, and
        killed workers' unacknowledged tasks (kombu keeps them in "unacked")."""
        import redis

        try:
            client = redis_client(self.broker)
            keys = list(client.scan_iter(match=f"*{self.queue}*"))
            if keys:
                client.delete(*keys)
            for tag, raw in client.hscan_iter("unacked"):
                try:
                    routing_key = json.loads(raw)[2]
                except (ValueError, IndexError, TypeError):
                    continue
                if routing_key == self.queue:
                    client.hdel("unacked", tag)
                    client.zrem("unacked_index", tag)
        except redis.RedisError:
            pass  # Redis gone: nothing left to clean up there
