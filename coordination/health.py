"""What ``/healthz`` reports: the database, the broker, and whether beat and a
worker are alive (DESIGN §5: scheduled work that silently stops is a failure).

Two heartbeats tell the two processes apart:

- **beat** writes its own when it starts and each time it sends the heartbeat
  task (every minute, ``CELERY_BEAT_SCHEDULE``): the tick was scheduled.
- **worker** is written by a worker when it starts and when it runs that task:
  the tick was consumed.

Beat silent for ``HEARTBEAT_STALE_AFTER`` seconds means nothing is scheduled
(no monthly schedule, no outbox sweep). Beat alive but the worker silent that
long means the ticks pile up unconsumed: no email leaves. While beat is silent
the worker's heartbeat says nothing (it has no tick to run), so only beat is
named.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
from collections.abc import Callable
from importlib import import_module

from celery.signals import beat_init, before_task_publish, worker_ready
from django.conf import settings
from django.db import connection
from django.utils import timezone

from .models import Heartbeat

log = logging.getLogger(__name__)

BEAT, WORKER = "beat", "worker"
HEARTBEAT_TASK = "coordination.tasks.heartbeat"


# ---------------------------------------------------------------- heartbeats


def heartbeat_record(*, name: str) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})


def _record_quietly(name: str) -> None:
    # In beat's and the worker's signal handlers: a database hiccup must not
    # stop the scheduler; /healthz will show the heartbeat as late.
    try:
        heartbeat_record(name=name)
    except Exception:
        log.warning("could not record the %s heartbeat", name, exc_info=True)


@beat_init.connect(weak=False)
def _beat_started(sender=None, **kwargs):
    _record_quietly(BEAT)


@before_task_publish.connect(sender=HEARTBEAT_TASK, weak=False)
def _beat_ticked(sender=None, **kwargs):
    # Only beat sends the heartbeat task; this runs in the sending process.
    _record_quietly(BEAT)


@worker_ready.connect(weak=False)
def _worker_started(sender=None, **kwargs):
    _record_quietly(WORKER)


# ---------------------------------------------------------------- checks


def _database_problem() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any failure means "down"; say which
        return f"database: {exc.__class__.__name__}"
    return None


def _broker_problem() -> str | None:
    from .celery import app as celery_app

    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"broker: {exc.__class__.__name__}"
    return None


def _late(name: str, seen: dt.datetime | None, now: dt.datetime) -> str | None:
    limit = dt.timedelta(seconds=settings.HEARTBEAT_STALE_AFTER)
    if seen is None:
        return f"{name}: no heartbeat yet"
    if now - seen > limit:
        return f"{name}: last heartbeat {int((now - seen).total_seconds())} s ago"
    return None


def _heartbeat_problems(seen: dict[str, dt.datetime | None]) -> list[str]:
    now = timezone.now()
    beat = _late(BEAT, seen[BEAT], now)
    if beat:
        return [beat]
    worker = _late(WORKER, seen[WORKER], now)
    return [worker] if worker else []


def health_report() -> dict:
    """``status`` ("ok" or "down"), ``problems`` (each names its component
    first: "database", "broker", "beat" or "worker") and when beat and the
    worker were last seen."""
    problems = [p for p in (_database_problem(), _broker_problem()) if p]
    seen: dict[str, dt.datetime | None] = {BEAT: None, WORKER: None}
    if not problems or not problems[0].startswith("database"):
        seen.update(dict(Heartbeat.objects.filter(name__in=seen).values_list("name", "seen_at")))
        problems += _heartbeat_problems(seen)
    return {
        "status": "down" if problems else "ok",
        "problems": problems,
        "last_seen": {name: when.isoformat() if when else None for name, when in seen.items()},
    }


# ---------------------------------------------------------------- who sees the detail

# Checks (user) -> bool registered by the app that owns the rule (swg's permission
# module), from its AppConfig.ready(); coordination imports no portal app.
_DETAIL_VIEWERS: list[Callable[[object], bool]] = []


def register_detail_viewer(check: Callable[[object], bool]) -> None:
    _DETAIL_VIEWERS.append(check)


def _bearer_token_ok(request) -> bool:
    expected = settings.HEALTHZ_TOKEN
    given = request.headers.get("Authorization", "")
    if not expected or not given.startswith("Bearer "):
        return False
    return hmac.compare_digest(given[len("Bearer ") :].encode(), expected.encode())


def _signed_in_user(request):
    """The session's user: /healthz is answered before the session and
    authentication middleware run (coordination/middleware.py)."""
    from django.contrib.auth import get_user

    if not hasattr(request, "session"):
        engine = import_module(settings.SESSION_ENGINE)
        request.session = engine.SessionStore(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
    return get_user(request)


def health_detail_allowed(request) -> bool:
    """The detail (what is down, heartbeat times) is for the operators: a
    request with ``Authorization: Bearer <HEALTHZ_TOKEN>``, a superuser, or a
    user a registered check lets in (the coordination team and administrators)."""
    if _bearer_token_ok(request):
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = _signed_in_user(request)
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(check(user) for check in _DETAIL_VIEWERS)
