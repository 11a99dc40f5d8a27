from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from swg import minutes_selectors, permissions, selectors

from .celery import app as celery_app
from .models import Heartbeat


@login_required
def home(request):
    actor = permissions.actor_for(request.user)
    my_swg_ids = actor.managed_swg_ids | actor.member_swg_ids
    swgs = selectors.swg_list(swgs=permissions.visible_swgs(request.user).filter(is_active=True))
    context = {"swgs": swgs, "my_swg_ids": my_swg_ids}
    # A partner's home shows their groups' minutes and their organization's actions.
    context["partner_panel"] = actor.is_partner and bool(actor.organization_id)
    if context["partner_panel"]:
        # Two queries, whatever the number of groups, minutes or action points.
        context["circulated_minutes"] = minutes_selectors.home_circulated_minutes(actor=actor)
        context["open_action_points"] = minutes_selectors.home_open_action_points(
            user=request.user, organization_id=actor.organization_id
        )
    return render(request, "home.html", context)


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
