"""The health check (``/healthz``); the pages of the portal live in its apps."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from . import health


@never_cache
def healthz(request):
    """No login: a load balancer asks it, and gets only up or down (200 or 503).
    The detail is for the operators (coordination/health.py)."""
    report = health.health_report()
    status = 503 if report["status"] == "down" else 200
    if health.health_detail_allowed(request):
        return JsonResponse(report, status=status)
    return JsonResponse({"status": report["status"]}, status=status)
