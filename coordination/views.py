"""The health check (``/healthz``); the pages of the portal live in its apps."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .celery import app as celery_app
from .models import Heartbeat


def _database_ok() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any failure means "down"; say which
        return f"database: {exc.__class__.__name__}"
    return None


def _broker_ok() -> str | None:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"broker: {exc.__class__.__name__}"
    return None


@never_cache
def healthz(request):
    """No login: a load balancer asks it. 503 names what is down."""
    problems = [p for p in (_database_ok(), _broker_ok()) if p]
    body = {"status": "down" if problems else "ok", "problems": problems}
    if not problems:
        # Informational: when beat last got a task through a worker.
        beat = Heartbeat.objects.filter(name="beat").values_list("seen_at", flat=True).first()
        body["beat_last_seen"] = beat.isoformat() if beat else None
    return JsonResponse(body, status=503 if problems else 200)
