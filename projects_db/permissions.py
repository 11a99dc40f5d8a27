"""The project database's rules, registered into the one permissions module
(``swg.permissions``) when the app is ready.

DESIGN §1: nobody sees another organization's draft data and a partner never
edits another organization's project. Published projects are for everybody
who signs in; a draft is seen by its owner organization's focal points, the
secretariat and chair of its SWG, the coordination team and administrators.
"""

from django.db.models import Q

from swg.models import SWG
from swg.permissions import SCOPES, Actor, actor_for, rule, scope_for

from .models import DuplicatePair, Indicator, Project, QuarterlyUpdate


def _project_scope_q(actor: Actor, prefix: str = "") -> Q:
    published = Q(**{f"{prefix}state": Project.State.PUBLISHED})
    mine = Q(**{f"{prefix}swg_id__in": actor.managed_swg_ids})
    if actor.is_partner and actor.organization_id:
        mine |= Q(**{f"{prefix}owner_id": actor.organization_id})
    return published | mine


@scope_for(Project)
def _projects(actor: Actor, qs):
    if actor.sees_everything:
        return qs
    return qs.filter(_project_scope_q(actor))


@scope_for(QuarterlyUpdate)
def _updates(actor: Actor, qs):
    """An update is seen by those who may change its project, and read by the
    project's SWG chair and the coordination team."""
    if actor.sees_everything:
        return qs
    keep = Q(project__swg_id__in=actor.managed_swg_ids)
    if actor.is_partner and actor.organization_id:
        keep |= Q(project__owner_id=actor.organization_id)
    return qs.filter(keep)


@scope_for(Indicator)
def _indicators(actor: Actor, qs):
    """An indicator is read by whoever sees its SWG."""
    if actor.sees_everything:
        return qs
    return qs.filter(swg__in=SCOPES[SWG](actor, SWG.objects.all()))


@scope_for(DuplicatePair)
def _duplicates(actor: Actor, qs):
    if actor.sees_everything:
        return qs
    return qs.filter(
        _project_scope_q(actor, "project_a__") & _project_scope_q(actor, "project_b__")
    )


@rule("project.view")
def _project_view(actor: Actor, project: Project):
    return actor.sees_everything or project.is_published or _project_change(actor, project)


@rule("project.create")
def _project_create(actor: Actor, obj):
    """May open the new-project form; the saved project must pass project.change."""
    if actor.sees_everything or actor.secretariat_swg_ids:
        return True
    return actor.is_partner and actor.organization_id is not None


@rule("project.change")
def _project_change(actor: Actor, project: Project):
    if actor.sees_everything or project.swg_id in actor.secretariat_swg_ids:
        return True
    return (
        actor.is_partner
        and actor.organization_id is not None
        and project.owner_id == actor.organization_id
    )


@rule("project.import")
def _project_import(actor: Actor, obj):
    """May upload a projects file; each row must then pass project.change."""
    return _project_create(actor, obj)


@rule("project.publish")
def _project_publish(actor: Actor, project: Project):
    return _project_change(actor, project)


@rule("project.history")
def _project_history(actor: Actor, project: Project):
    if actor.sees_everything or project.swg_id in actor.managed_swg_ids:
        return True
    return _project_change(actor, project)


@rule("duplication.review")
def _duplication_review(actor: Actor, pair: DuplicatePair):
    """The secretariat of the pair's SWG (either project's) or the coordination team."""
    if actor.sees_everything:
        return True
    return bool({pair.project_a.swg_id, pair.project_b.swg_id} & actor.secretariat_swg_ids)


@rule("api.token")
def _api_token(actor: Actor, obj):
    return True


def projects_changeable(user, qs):
    """The projects of ``qs`` that ``user`` may change (the queryset form of
    project.change, for the API's writes)."""

    actor = actor_for(user)
    if actor is None:
        return qs.none()
    if actor.sees_everything:
        return qs
    keep = Q(swg_id__in=actor.secretariat_swg_ids)
    if actor.is_partner and actor.organization_id:
        keep |= Q(owner_id=actor.organization_id)
    return qs.filter(keep)


@rule("update.submit")
def _update_submit(actor: Actor, project: Project):
    """Who keeps the project reports on it: its organization's focal points, or
    the secretariat entering what a partner sent by letter."""
    return _project_change(actor, project)


@rule("update.review")
def _update_review(actor: Actor, update: QuarterlyUpdate):
    """DESIGN §3: the secretariat reviews (accepts or returns) the updates of its SWG."""
    if actor.sees_everything:
        return True
    return update.project.swg_id in actor.secretariat_swg_ids


@rule("update.board")
def _update_board(actor: Actor, obj):
    """DESIGN §3: a quarter's submission status per partner is visible to the
    coordination team; the secretariat and chairs see their groups' partners."""
    return actor.sees_everything or actor.is_ministry_staff


def projects_with_updates_visible(user, qs):
    """The projects of ``qs`` whose quarterly updates ``user`` sees (the project
    form of the QuarterlyUpdate scope, for the update list and the board)."""
    actor = actor_for(user)
    if actor is None:
        return qs.none()
    if actor.sees_everything:
        return qs
    keep = Q(swg_id__in=actor.managed_swg_ids)
    if actor.is_partner and actor.organization_id:
        keep |= Q(owner_id=actor.organization_id)
    return qs.filter(keep)


@rule("results.manage")
def _results_manage(actor: Actor, swg):
    """DESIGN §3 "Results framework": the secretariat of the SWG keeps its
    goals, objectives, indicators, targets and values; the coordination team
    may step in. Everybody who sees the SWG reads its framework (swg.view)."""
    return actor.sees_everything or swg.pk in actor.secretariat_swg_ids


@rule("priority.manage")
def _priority_manage(actor: Actor, obj):
    """The Council of Ministers' priorities are kept by the coordination team."""
    return actor.sees_everything
