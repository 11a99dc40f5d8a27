"""Keep the stored duplication pairs in step with a project (issue part 10:
"flagged on save"), and record the secretariat's "reviewed — complementary"."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.history import history_attribute

from ..models import DuplicatePair, Project
from ..selectors.duplicates import similar_projects


@transaction.atomic
def project_duplicates_refresh(*, project: Project) -> list[DuplicatePair]:
    """Flag new look-alikes, drop flags that no longer hold. A pair reviewed as
    complementary is kept as decided and never flagged again."""
    found = dict(similar_projects(project))
    existing = {
        (pair.project_b_id if pair.project_a_id == project.pk else pair.project_a_id): pair
        for pair in DuplicatePair.objects.filter(Q(project_a=project) | Q(project_b=project))
    }
    stale = [
        pair.pk
        for other, pair in existing.items()
        if other not in found and pair.decision == DuplicatePair.Decision.FLAGGED
    ]
    DuplicatePair.objects.filter(pk__in=stale).delete()
    flagged = []
    for other, similarity in found.items():
        pair = existing.get(other)
        if pair is None:
            low, high = sorted((project.pk, other))
            pair, _created = DuplicatePair.objects.get_or_create(
                project_a_id=low, project_b_id=high, defaults={"similarity": similarity}
            )
        elif abs(pair.similarity - similarity) > 1e-6:
            pair.similarity = similarity
            pair.save(update_fields=["similarity"])
        if pair.decision == DuplicatePair.Decision.FLAGGED:
            flagged.append(pair)
    return flagged


@transaction.atomic
def duplicate_mark_complementary(*, pair: DuplicatePair, note: str, by) -> DuplicatePair:
    if not note.strip():
        raise ValidationError({"note": _("Say why the two projects complement each other.")})
    pair.decision = DuplicatePair.Decision.COMPLEMENTARY
    pair.decided_by = by
    pair.decided_at = timezone.now()
    pair.note = note.strip()
    history_attribute(pair, by=by).save()
    return pair
