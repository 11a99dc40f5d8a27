"""Keep the stored duplication pairs in step with a project (issue part 10:
"flagged on save"), and record the secretariat's "reviewed — complementary"."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.history import history_attribute

from ..models import DuplicatePair, Project
from ..selectors.duplicates import similar_projects, similar_projects_many


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
def projects_duplicates_refresh(*, projects: list[Project]) -> None:
    """``project_duplicates_refresh`` for many projects in a fixed number of
    queries (the project import)."""
    found = similar_projects_many(projects)
    if not found:
        return
    ids = list(found)
    pairs = {
        (pair.project_a_id, pair.project_b_id): pair
        for pair in DuplicatePair.objects.filter(Q(project_a_id__in=ids) | Q(project_b_id__in=ids))
    }
    wanted: dict[tuple[int, int], float] = {}
    for pk, others in found.items():
        for other, similarity in others.items():
            wanted[tuple(sorted((pk, other)))] = similarity
    stale = [
        pair.pk
        for key, pair in pairs.items()
        if key not in wanted
        and pair.decision == DuplicatePair.Decision.FLAGGED
        # only the pairs of a refreshed project whose look-alike it no longer is
        and (key[0] in found or key[1] in found)
    ]
    if stale:
        DuplicatePair.objects.filter(pk__in=stale).delete()
    new = []
    changed = []
    for (low, high), similarity in wanted.items():
        pair = pairs.get((low, high))
        if pair is None:
            new.append(DuplicatePair(project_a_id=low, project_b_id=high, similarity=similarity))
        elif abs(pair.similarity - similarity) > 1e-6:
            pair.similarity = similarity
            changed.append(pair)
    if new:
        DuplicatePair.objects.bulk_create(new, ignore_conflicts=True)
    if changed:
        DuplicatePair.objects.bulk_update(changed, ["similarity"])


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
