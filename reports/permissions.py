"""The progress reports' rules, registered into the one permissions module
(swg/permissions.py; DESIGN §1). A report is read by its group's secretariat
and chair and by the coordination team; everyone else gets a 404, for another
group's report as for one that does not exist. The secretariat (and chair)
writes and renders it, the chair approves it."""

from __future__ import annotations

from swg.models import SWG
from swg.permissions import Actor, rule, scope_for

from .models import ProgressReport

VIEW = "report.view"
DRAFT = "report.draft"
APPROVE = "report.approve"


def _swg_id(obj) -> int:
    return obj.pk if isinstance(obj, SWG) else obj.swg_id


@scope_for(ProgressReport)
def _reports(actor: Actor, qs):
    if actor.sees_everything:
        return qs
    return qs.filter(swg_id__in=actor.managed_swg_ids)


@rule(VIEW)
def _report_view(actor: Actor, swg_or_report):
    return actor.sees_everything or _swg_id(swg_or_report) in actor.managed_swg_ids


@rule(DRAFT)
def _report_draft(actor: Actor, swg_or_report):
    return actor.is_admin or _swg_id(swg_or_report) in actor.managed_swg_ids


@rule(APPROVE)
def _report_approve(actor: Actor, swg_or_report):
    return actor.is_admin or _swg_id(swg_or_report) in actor.chair_swg_ids
