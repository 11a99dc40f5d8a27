"""What the working-group services tell people when work moves to them
(DESIGN §3 "Meeting", "Terms of reference"; coordination/notifications.py).

Each function is called inside the service's transaction and notifies after
it commits. The kinds are registered from ``SwgConfig.ready()``; the object
key carries the moment of the step, so minutes submitted, returned and
submitted again reach the chair twice, but one step never twice.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coordination.notifications import notify_on_commit

from ..models import SWG, ActionPoint, Minutes, SWGAppointment, TorVersion
from ..selectors.notifications import (
    generic_tor_endorsers,
    organization_focal_point_users,
    swg_appointed_users,
)

MINUTES_SUBMITTED = "minutes.submitted"
MINUTES_RETURNED = "minutes.returned"
MINUTES_APPROVED = "minutes.approved"
ACTION_POINT_ASSIGNED = "action_point.assigned"
TOR_TO_ENDORSE = "tor.to_endorse"
GENERIC_TOR_TO_ENDORSE = "tor.generic_to_endorse"

# code, label, message, duty (a duty is always emailed at once).
KINDS = (
    (
        MINUTES_SUBMITTED,
        _("Minutes to approve"),
        _("The minutes of %(meeting)s (%(swg)s) wait for your approval."),
        True,
    ),
    (
        MINUTES_RETURNED,
        _("Minutes returned"),
        _("The chair returned the minutes of %(meeting)s (%(swg)s): %(comment)s"),
        False,
    ),
    (
        MINUTES_APPROVED,
        _("Minutes approved"),
        _("The chair approved the minutes of %(meeting)s (%(swg)s); they can be circulated."),
        False,
    ),
    (
        ACTION_POINT_ASSIGNED,
        _("Action point for your organization"),
        _("%(swg)s: an action point for %(organization)s, due %(due)s: %(description)s"),
        False,
    ),
    (
        TOR_TO_ENDORSE,
        _("Terms of reference to endorse"),
        _(
            "Version %(number)s of the terms of reference of %(swg)s was reviewed by MoP "
            "and waits for your endorsement."
        ),
        True,
    ),
    (
        GENERIC_TOR_TO_ENDORSE,
        _("Terms of reference to endorse"),
        _(
            "Version %(number)s of the generic terms of reference was reviewed by MoP "
            "and waits for your endorsement."
        ),
        True,
    ),
)


def _names(obj) -> dict:
    return {"en": obj.name_en, "ar": obj.name_ar}


def _minutes_params(minutes: Minutes) -> dict:
    meeting = minutes.meeting
    return {
        "meeting": {"en": meeting.title_en, "ar": meeting.title_ar},
        "swg": _names(meeting.swg),
    }


def _stamp(moment) -> str:
    return moment.strftime("%Y%m%dT%H%M%S%f") if moment else "0"


def minutes_submitted_notify(*, minutes: Minutes) -> None:
    """The chair has minutes to approve (Annex 1.1)."""
    notify_on_commit(
        users=swg_appointed_users(swg=minutes.meeting.swg, role=SWGAppointment.Role.CHAIR),
        kind=MINUTES_SUBMITTED,
        url=minutes.get_absolute_url(),
        context=_minutes_params(minutes),
        key=f"minutes:{minutes.pk}:{_stamp(minutes.submitted_at)}",
    )


def minutes_returned_notify(*, minutes: Minutes, at) -> None:
    notify_on_commit(
        users=swg_appointed_users(swg=minutes.meeting.swg, role=SWGAppointment.Role.SECRETARIAT),
        kind=MINUTES_RETURNED,
        url=minutes.get_absolute_url(),
        context={**_minutes_params(minutes), "comment": minutes.returned_comment},
        key=f"minutes:{minutes.pk}:{_stamp(at)}",
    )


def minutes_approved_notify(*, minutes: Minutes) -> None:
    notify_on_commit(
        users=swg_appointed_users(swg=minutes.meeting.swg, role=SWGAppointment.Role.SECRETARIAT),
        kind=MINUTES_APPROVED,
        url=minutes.get_absolute_url(),
        context=_minutes_params(minutes),
        key=f"minutes:{minutes.pk}:approved",
    )


def action_point_assigned_notify(*, action_point: ActionPoint) -> None:
    """The owner organization's focal points learn of their action point once
    it is no longer draft content: when its minutes are circulated, or when a
    circulated one is given to another organization (DESIGN §3 "Meeting")."""
    organization = action_point.owner_organization
    notify_on_commit(
        users=organization_focal_point_users(organization=organization),
        kind=ACTION_POINT_ASSIGNED,
        url=reverse("swg:organization_action_points", args=[organization.pk]),
        context={
            "swg": _names(action_point.swg),
            "organization": _names(organization),
            "due": action_point.due_date.isoformat(),
            "description": action_point.description,
        },
        key=f"action_point:{action_point.pk}:{organization.pk}",
    )


def tor_reviewed_notify(*, version: TorVersion) -> None:
    """A reviewed version waits for its chair (the generic TOR: the administrator)."""
    swg: SWG | None = version.swg
    if swg is None:
        users, kind, context = generic_tor_endorsers(), GENERIC_TOR_TO_ENDORSE, {}
    else:
        users = swg_appointed_users(swg=swg, role=SWGAppointment.Role.CHAIR)
        kind, context = TOR_TO_ENDORSE, {"swg": _names(swg)}
    notify_on_commit(
        users=users,
        kind=kind,
        url=version.get_absolute_url(),
        context={"number": version.number, **context},
        key=f"tor_version:{version.pk}:reviewed",
    )
