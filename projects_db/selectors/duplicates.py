"""Projects that may duplicate each other (DESIGN §4; issue part 10): of
different organizations, in the same subsector (the same SWG when it has no
subsectors), with overlapping districts
(nationwide overlaps everything) and periods, and similar titles.

Title similarity is PostgreSQL's trigram similarity (pg_trgm, migration 0003);
on other databases Python's difflib stands in, with its own threshold because
its ratio runs higher than trigram similarity on the same titles.
"""

from __future__ import annotations

import difflib

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Greatest

from swg import permissions

from ..models import DuplicatePair, Project


def _candidates(project: Project):
    if not project.pk or not project.planned_start or project.status == Project.Status.CANCELLED:
        return Project.objects.none()
    # SWGs without subsectors (Security, Health, Education) compare within the group.
    if project.subsector_id:
        same_sector = Q(subsector_id=project.subsector_id)
    else:
        same_sector = Q(swg_id=project.swg_id, subsector__isnull=True)
    qs = (
        Project.objects.filter(same_sector)
        .exclude(owner_id=project.owner_id)
        .exclude(status=Project.Status.CANCELLED)
        .exclude(planned_start__isnull=True)
        .filter(Q(planned_end__isnull=True) | Q(planned_end__gte=project.planned_start))
    )
    if project.planned_end:
        qs = qs.filter(planned_start__lte=project.planned_end)
    if not project.nationwide:
        district_ids = list(project.districts.values_list("pk", flat=True))
        qs = qs.filter(Q(nationwide=True) | Q(districts__in=district_ids)).distinct()
    return qs


def _title_similarity_sql(qs, project: Project):
    """Trigram similarity of the English titles, or the Arabic ones when both have one."""
    scores = [TrigramSimilarity("title_en", project.title_en)] if project.title_en else []
    if project.title_ar:
        scores.append(TrigramSimilarity("title_ar", project.title_ar))
    if not scores:
        return []
    score = scores[0] if len(scores) == 1 else Greatest(*scores)
    threshold = settings.DUPLICATE_TITLE_TRIGRAM_THRESHOLD
    rows = qs.annotate(similarity=score).filter(similarity__gte=threshold)
    return [(p.pk, float(p.similarity)) for p in rows.only("pk")]


def _ratio(a: str, b: str) -> float:
    if not a.strip() or not b.strip():
        return 0.0
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def _title_similarity_python(qs, project: Project):
    threshold = settings.DUPLICATE_TITLE_DIFFLIB_THRESHOLD
    found = []
    for pk, title_en, title_ar in qs.values_list("pk", "title_en", "title_ar"):
        score = max(_ratio(project.title_en, title_en), _ratio(project.title_ar, title_ar))
        if score >= threshold:
            found.append((pk, score))
    return found


def similar_projects(project: Project) -> list[tuple[int, float]]:
    """(other project id, title similarity) for every likely duplicate."""
    qs = _candidates(project)
    if connection.vendor == "postgresql":
        return _title_similarity_sql(qs, project)
    return _title_similarity_python(qs, project)


# The rules of ``_candidates`` and ``_title_similarity_sql`` for many projects
# at once: one query however many projects an import saved.
_MANY_SQL = """
WITH p AS (
  SELECT * FROM projects_db_project
  WHERE id = ANY(%(ids)s) AND planned_start IS NOT NULL AND status <> %(cancelled)s
),
q AS (
  -- Look-alikes are of another organization: when every project saved is of
  -- one organization (a partner's file), its own projects are left out here,
  -- before the pairs are formed.
  SELECT * FROM projects_db_project
  WHERE status <> %(cancelled)s AND planned_start IS NOT NULL
    AND swg_id IN (SELECT swg_id FROM p)
    AND NOT (owner_id = ALL(SELECT DISTINCT owner_id FROM p))
)
SELECT p.id, q.id, GREATEST(
    CASE WHEN p.title_en <> '' THEN similarity(q.title_en, p.title_en) END,
    CASE WHEN p.title_ar <> '' THEN similarity(q.title_ar, p.title_ar) END
) AS score
FROM p JOIN q ON q.swg_id = p.swg_id AND q.id <> p.id AND q.owner_id <> p.owner_id
WHERE (
    (p.subsector_id IS NOT NULL AND q.subsector_id = p.subsector_id)
    OR (p.subsector_id IS NULL AND q.subsector_id IS NULL)
  )
  AND (q.planned_end IS NULL OR q.planned_end >= p.planned_start)
  AND (p.planned_end IS NULL OR q.planned_start <= p.planned_end)
  AND (
    p.nationwide OR q.nationwide OR EXISTS (
      SELECT 1 FROM projects_db_project_districts a
      JOIN projects_db_project_districts b ON b.district_id = a.district_id
      WHERE a.project_id = p.id AND b.project_id = q.id
    )
  )
  AND GREATEST(
    CASE WHEN p.title_en <> '' THEN similarity(q.title_en, p.title_en) END,
    CASE WHEN p.title_ar <> '' THEN similarity(q.title_ar, p.title_ar) END
  ) >= %(threshold)s
"""


def similar_projects_many(projects: list[Project]) -> dict[int, dict[int, float]]:
    """``similar_projects`` of each project, keyed by its id: one query on
    PostgreSQL (an import saves thousands of projects at once)."""
    found: dict[int, dict[int, float]] = {project.pk: {} for project in projects}
    if not projects:
        return found
    if connection.vendor != "postgresql":
        for project in projects:
            found[project.pk] = dict(similar_projects(project))
        return found
    with connection.cursor() as cursor:
        cursor.execute(
            _MANY_SQL,
            {
                "ids": list(found),
                "cancelled": int(Project.Status.CANCELLED),
                "threshold": settings.DUPLICATE_TITLE_TRIGRAM_THRESHOLD,
            },
        )
        for pk, other, score in cursor.fetchall():
            found[pk][other] = float(score)
    return found


def flagged_pairs(user):
    """Pairs still flagged, both projects within the user's reach."""
    qs = DuplicatePair.objects.filter(decision=DuplicatePair.Decision.FLAGGED)
    return _with_projects(permissions.scope(user, qs))


def reviewed_pairs(user):
    qs = DuplicatePair.objects.filter(decision=DuplicatePair.Decision.COMPLEMENTARY)
    return _with_projects(permissions.scope(user, qs)).select_related("decided_by")


def _with_projects(qs):
    return qs.select_related(
        "project_a__owner",
        "project_b__owner",
        "project_a__subsector",
        "project_b__subsector",
        "project_a__swg",
        "project_b__swg",
    ).order_by("-similarity", "pk")


def project_flagged_pairs(*, project: Project, user) -> list[DuplicatePair]:
    """This project's flagged pairs whose other project the user may see."""
    qs = flagged_pairs(user).filter(Q(project_a=project) | Q(project_b=project))
    return list(qs)
