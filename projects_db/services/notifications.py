"""What the quarterly update cycle tells people (DESIGN §3 "Quarterly update";
coordination/notifications.py): a returned update goes back to its partner."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coordination.notifications import notify_on_commit
from swg.selectors.notifications import organization_focal_point_users

from ..models import QuarterlyUpdate

UPDATE_RETURNED = "update.returned"

# code, label, message, duty (registered from ProjectsDbConfig.ready()).
KINDS = (
    (
        UPDATE_RETURNED,
        _("Quarterly update returned"),
        _("The Q%(quarter)s %(year)s update of %(project)s was returned: %(comment)s"),
        False,
    ),
)


def update_returned_notify(*, update: QuarterlyUpdate) -> None:
    """The owner organization's focal points (and whoever handed it in) learn
    that the update needs another look."""
    project = update.project
    users = organization_focal_point_users(organization=project.owner)
    if update.submitted_by is not None:
        users.append(update.submitted_by)
    notify_on_commit(
        users=users,
        kind=UPDATE_RETURNED,
        url=reverse("projects_db:update_edit", args=[project.pk, update.year, update.quarter]),
        context={
            "quarter": update.quarter,
            "year": update.year,
            "project": {"en": project.title_en, "ar": project.title_ar},
            "comment": update.review_comment,
        },
        key=f"update:{update.pk}:{update.reviewed_at:%Y%m%dT%H%M%S%f}",
    )
