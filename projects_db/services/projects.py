"""Writes for projects: create, update, publish, unpublish.

Keyword-only, one transaction each, ``by`` is the user the history rows name.
A ``ValidationError`` carries field keys so that forms show it at the field.
Children (participants, budget lines, transactions) are given as lists of
dicts; a dict with the ``id`` of an existing row updates it, one without adds
a row, and rows left out are removed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.history import history_attribute

from ..checks.runner import Quality, project_quality
from ..models import Project, ProjectBudget, ProjectParticipant, Transaction
from .duplicates import project_duplicates_refresh

PROJECT_FIELDS = frozenset(
    {
        "iati_identifier",
        "title_en",
        "title_ar",
        "description_en",
        "description_ar",
        "owner",
        "swg",
        "subsector",
        "dac_sector",
        "national_priority",
        "status",
        "status_reason",
        "planned_start",
        "planned_end",
        "actual_start",
        "actual_end",
        "nationwide",
        "currency",
        "comments",
    }
)
CHILDREN = {
    "participants": (ProjectParticipant, ("organization", "role")),
    "budgets": (ProjectBudget, ("period_start", "period_end", "value", "currency", "status")),
    "transactions": (
        Transaction,
        ("type", "value", "currency", "value_date", "provider", "receiver", "description"),
    ),
}


def _set_fields(project: Project, fields: dict) -> None:
    unknown = set(fields) - PROJECT_FIELDS
    if unknown:
        raise TypeError(f"unknown project fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(project, name, value)
    for name in ("iati_identifier", "dac_sector"):
        setattr(project, name, (getattr(project, name) or "").strip())


def _sync_children(project: Project, name: str, rows: Iterable[dict], by) -> None:
    model, fields = CHILDREN[name]
    rows = list(rows)
    existing = {child.pk: child for child in getattr(project, name).all()}
    # Removed rows go first: a row replaced by one with the same unique values
    # (a participant's organization and role) would otherwise collide with it.
    listed = {row.get("id") for row in rows}
    for pk, child in list(existing.items()):
        if pk not in listed:
            history_attribute(child, by=by).delete()
            del existing[pk]
    for index, row in enumerate(rows):
        child = existing.get(row.get("id")) or model(project=project)
        changed = child.pk is None
        for field in fields:
            if field in row and (child.pk is None or getattr(child, field) != row[field]):
                setattr(child, field, row[field])
                changed = True
        if not changed:
            continue
        try:
            child.full_clean(exclude=["project"])
        except ValidationError as error:
            raise ValidationError({name: [f"{index + 1}: {m}" for m in error.messages]}) from None
        history_attribute(child, by=by).save()


def _save(project: Project, *, by, districts, beneficiaries, children: dict) -> Project:
    if project.nationwide and districts:
        districts = []  # nationwide covers every district
    project.full_clean(exclude=["districts", "beneficiaries"])
    history_attribute(project, by=by).save()
    if districts is not None:
        project.districts.set(districts)
    if beneficiaries is not None:
        project.beneficiaries.set(beneficiaries)
    for name, rows in children.items():
        if rows is not None:
            _sync_children(project, name, rows, by)
    return project


@transaction.atomic
def project_create(
    *,
    by,
    districts: Iterable = (),
    beneficiaries: Iterable = (),
    participants: Iterable[dict] = (),
    budgets: Iterable[dict] = (),
    transactions: Iterable[dict] = (),
    **fields,
) -> Project:
    """A new draft project."""
    project = Project(state=Project.State.DRAFT)
    _set_fields(project, fields)
    _save(
        project,
        by=by,
        districts=list(districts),
        beneficiaries=list(beneficiaries),
        children={"participants": participants, "budgets": budgets, "transactions": transactions},
    )
    project_duplicates_refresh(project=project)
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    by,
    districts: Iterable | None = None,
    beneficiaries: Iterable | None = None,
    participants: Iterable[dict] | None = None,
    budgets: Iterable[dict] | None = None,
    transactions: Iterable[dict] | None = None,
    **fields,
) -> Project:
    """Change a project. A published project must still pass the quality check."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    _set_fields(project, fields)
    _save(
        project,
        by=by,
        districts=None if districts is None else list(districts),
        beneficiaries=None if beneficiaries is None else list(beneficiaries),
        children={"participants": participants, "budgets": budgets, "transactions": transactions},
    )
    if project.is_published:
        quality = project_quality(project)
        if quality.errors:
            raise ValidationError(
                [_("A published project must pass the quality check:")] + quality.errors
            )
    project_duplicates_refresh(project=project)
    return project


@transaction.atomic
def project_publish(*, project: Project, by) -> Quality:
    """Publish when the quality check finds no error; warnings do not block."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    quality = project_quality(project)
    if quality.errors:
        raise ValidationError(quality.errors)
    if not project.is_published:
        project.state = Project.State.PUBLISHED
        project.published_at = timezone.now()
        project.published_by = by
        history_attribute(project, by=by).save()
    return quality


@transaction.atomic
def project_unpublish(*, project: Project, by) -> Project:
    """Back to draft, e.g. to correct it out of sight of other partners."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.is_published:
        project.state = Project.State.DRAFT
        project.published_at = None
        project.published_by = None
        history_attribute(project, by=by).save()
    return project
