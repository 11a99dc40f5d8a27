from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from swg import minutes_selectors, permissions, selectors

from . import health


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


@never_cache
def healthz(request):
    """No login: a load balancer asks it, and gets only up or down (200 or 503).
    The detail is for the operators (coordination/health.py)."""
    report = health.health_report()
    status = 503 if report["status"] == "down" else 200
    if health.health_detail_allowed(request):
        return JsonResponse(report, status=status)
    return JsonResponse({"status": report["status"]}, status=status)
