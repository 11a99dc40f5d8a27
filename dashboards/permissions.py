"""The dashboards' rule, registered into the one permissions module
(DESIGN §1: the coordination team reads the dashboards; the secretariat and the
chair read their own groups')."""

from swg.models import SWG
from swg.permissions import Actor, rule

DASHBOARD_VIEW = "dashboard.view"


@rule(DASHBOARD_VIEW)
def _dashboard_view(actor: Actor, swg: SWG | None):
    if actor.sees_everything:
        return True
    if swg is None:
        return actor.is_ministry_staff
    return actor.is_government and swg.pk in actor.managed_swg_ids
