"""The home page of each role (DESIGN §6: dashboards read from every app
below them and are read by none)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from swg import permissions
from swg.selectors.home import home_circulated_minutes, home_open_action_points
from swg.selectors.structure import swg_list


@login_required
def home(request):
    actor = permissions.actor_for(request.user)
    swgs = swg_list(swgs=permissions.visible_swgs(request.user).filter(is_active=True))
    # Two different facts: the groups the user is appointed to run (secretariat
    # or chair), and those the user's organization is a member of. A secretariat
    # from the Ministry of Planning, a member of every group, manages only some.
    context = {
        "swgs": swgs,
        "managed_swg_ids": actor.managed_swg_ids,
        "member_swg_ids": actor.member_swg_ids,
    }
    # A partner's home shows their groups' minutes and their organization's actions.
    context["partner_panel"] = actor.is_partner and bool(actor.organization_id)
    if context["partner_panel"]:
        # Two queries, whatever the number of groups, minutes or action points.
        context["circulated_minutes"] = home_circulated_minutes(actor=actor)
        context["open_action_points"] = home_open_action_points(
            user=request.user, organization_id=actor.organization_id
        )
    return render(request, "dashboards/home.html", context)
