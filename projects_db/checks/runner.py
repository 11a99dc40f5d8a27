from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects

from ..models import ExchangeRate
from . import (
    ERROR,
    budget,
    dates,
    districts,
    funding,
    iati_codes,
    implementing,
    sector,
    status,
    title,
)

# In the order the project form shows the fields.
CHECKS = (
    title.check,
    sector.check,
    status.check,
    dates.check,
    districts.check,
    implementing.check,
    budget.check,
    funding.check,
)


@dataclass
class Quality:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def can_publish(self) -> bool:
        return not self.errors


def project_quality(project) -> Quality:
    """Every check's findings for one project (a fixed number of queries)."""
    return projects_quality([project])[project.pk]


def projects_quality(projects) -> dict[int, Quality]:
    """``project_quality`` of each project, by id, in a fixed number of queries."""
    projects = list(projects)
    prefetch_related_objects(projects, "budgets", "transactions", "participants", "districts")
    known = frozenset(ExchangeRate.objects.values_list("currency", flat=True).distinct())
    return {project.pk: _quality(project, known) for project in projects}


def _quality(project, known: frozenset) -> Quality:
    found = []
    for check in CHECKS:
        found += check(project)
    found += iati_codes.check(project, known_currencies=known)
    quality = Quality()
    for level, message in found:
        (quality.errors if level == ERROR else quality.warnings).append(message)
    return quality
