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
    prefetch_related_objects([project], "budgets", "transactions", "participants", "districts")
    found = []
    for check in CHECKS:
        found += check(project)
    known = frozenset(ExchangeRate.objects.values_list("currency", flat=True).distinct())
    found += iati_codes.check(project, known_currencies=known)
    quality = Quality()
    for level, message in found:
        (quality.errors if level == ERROR else quality.warnings).append(message)
    return quality
