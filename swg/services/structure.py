"""Restructuring the SWGs without rewriting history (assessment Annex 2a: "revise
the structure of the SWGs once again").

Each step changes the live rows through ``save()`` (so django-simple-history keeps
the earlier state, readable with ``SWG.history.as_of(date)``) and appends a
:class:`StructureChange` that the SWG page lists. Memberships of a merged or
retired group are ended, not moved: who sat in which group stays true.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coordination.bilingual import pick_language
from coordination.history import history_attribute

from ..models import SWG, Membership, StructureChange, Subsector


def _log(*, kind, swg, summary, effective_on, by, other_swg=None, subsector=None, note=""):
    """``summary`` is a callable, evaluated once per language."""
    texts = {}
    for language in ("en", "ar"):
        with translation.override(language):
            texts[language] = summary()
    return StructureChange.objects.create(
        kind=kind,
        swg=swg,
        other_swg=other_swg,
        subsector=subsector,
        summary_en=texts["en"],
        summary_ar=texts["ar"],
        note=note,
        effective_on=effective_on or timezone.localdate(),
        made_by=by,
    )


def _dated(instance, by, effective_on: dt.date | None):
    """Attribute the history row to ``by`` and date it at the effective date, so
    that "as of" reads follow the decision, not the day it was typed in."""
    at = None
    if effective_on is not None:
        at = timezone.make_aware(dt.datetime.combine(effective_on, dt.time.min))
    return history_attribute(instance, by=by, at=at)


def _unique_slug(model, base, **scope):
    slug, n = slugify(base)[:50] or "group", 2
    while model.objects.filter(slug=slug, **scope).exists():
        slug = f"{slugify(base)[:45]}-{n}"
        n += 1
    return slug


@transaction.atomic
def swg_create(
    *, name_en: str, name_ar: str, number=None, effective_on: dt.date | None = None, by=None
) -> SWG:
    if not (name_en or name_ar):
        raise ValidationError({"name_en": _("Give the name in English or Arabic (or both).")})
    swg = SWG(
        name_en=name_en,
        name_ar=name_ar,
        number=number,
        slug=_unique_slug(SWG, name_en or name_ar),
        active_from=effective_on or timezone.localdate(),
    )
    _dated(swg, by, effective_on).save()
    _log(
        kind=StructureChange.Kind.CREATE,
        swg=swg,
        summary=lambda: _("Created as %(name)s") % {"name": swg.name},
        effective_on=effective_on,
        by=by,
    )
    return swg


@transaction.atomic
def swg_rename(
    *,
    swg: SWG,
    name_en: str,
    name_ar: str,
    effective_on: dt.date | None = None,
    by=None,
    note: str = "",
) -> SWG:
    if not (name_en or name_ar):
        raise ValidationError({"name_en": _("Give the name in English or Arabic (or both).")})
    before = (swg.name_en, swg.name_ar)
    swg.name_en, swg.name_ar = name_en, name_ar
    _dated(swg, by, effective_on).save()
    _log(
        kind=StructureChange.Kind.RENAME,
        swg=swg,
        effective_on=effective_on,
        by=by,
        note=note,
        summary=lambda: (
            _("Renamed from “%(old)s” to “%(new)s”")
            % {"old": pick_language(*before), "new": swg.name}
        ),
    )
    return swg


@transaction.atomic
def subsector_add(
    *, swg: SWG, name_en: str, name_ar: str, effective_on: dt.date | None = None, by=None
) -> Subsector:
    if not (name_en or name_ar):
        raise ValidationError({"name_en": _("Give the name in English or Arabic (or both).")})
    subsector = Subsector(
        swg=swg,
        name_en=name_en,
        name_ar=name_ar,
        slug=_unique_slug(Subsector, name_en or name_ar, swg=swg),
        order=swg.subsectors.count() + 1,
    )
    _dated(subsector, by, effective_on).save()
    _log(
        kind=StructureChange.Kind.SUBSECTOR_ADD,
        swg=swg,
        subsector=subsector,
        effective_on=effective_on,
        by=by,
        summary=lambda: _("Subsector “%(name)s” added") % {"name": subsector.name},
    )
    return subsector


@transaction.atomic
def subsector_move(
    *,
    subsector: Subsector,
    to_swg: SWG,
    effective_on: dt.date | None = None,
    by=None,
    note: str = "",
) -> Subsector:
    from_swg = subsector.swg
    if from_swg.pk == to_swg.pk:
        raise ValidationError({"to_swg": _("The subsector is already in this group.")})
    if not to_swg.is_active:
        raise ValidationError({"to_swg": _("A retired group cannot receive subsectors.")})
    subsector.swg = to_swg
    subsector.slug = _unique_slug(Subsector, subsector.slug, swg=to_swg)
    _dated(subsector, by, effective_on).save()

    def summary():
        return _("Subsector “%(name)s” moved from %(old)s to %(new)s") % {
            "name": subsector.name,
            "old": from_swg.name,
            "new": to_swg.name,
        }

    for swg, other in ((from_swg, to_swg), (to_swg, from_swg)):
        _log(
            kind=StructureChange.Kind.SUBSECTOR_MOVE,
            swg=swg,
            other_swg=other,
            subsector=subsector,
            effective_on=effective_on,
            by=by,
            summary=summary,
            note=note,
        )
    return subsector


def _retire(swg: SWG, *, effective_on: dt.date, replaced_by: list[SWG], by) -> None:
    swg.is_active = False
    swg.active_until = effective_on
    _dated(swg, by, effective_on).save()
    if replaced_by:
        swg.replaced_by.add(*replaced_by)
    # Every membership still running on the effective date (or starting after a
    # backdated retirement) ends with the group.
    running = Membership.objects.filter(swg=swg).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=effective_on)
    )
    for membership in running:
        membership.end_date = max(membership.start_date, effective_on)
        membership.end_reason = _("Group restructured")
        _dated(membership, by, effective_on).save()


@transaction.atomic
def swg_merge(
    *, sources: list[SWG], into: SWG, effective_on: dt.date | None = None, by=None, note=""
) -> SWG:
    """Merge groups into ``into``: their subsectors move, they retire."""
    effective_on = effective_on or timezone.localdate()
    sources = [s for s in sources if s.pk != into.pk]
    if not sources:
        raise ValidationError({"sources": _("Choose at least one other group to merge.")})
    for source in sources:
        if not source.is_active:
            raise ValidationError(
                {"sources": _("%(name)s is already retired.") % {"name": source.name}}
            )
        for subsector in source.subsectors.filter(is_active=True):
            subsector_move(subsector=subsector, to_swg=into, effective_on=effective_on, by=by)
        _retire(source, effective_on=effective_on, replaced_by=[into], by=by)

        def summary(source=source):
            return _("%(old)s merged into %(new)s") % {"old": source.name, "new": into.name}

        for swg, other in ((source, into), (into, source)):
            _log(
                kind=StructureChange.Kind.MERGE,
                swg=swg,
                other_swg=other,
                effective_on=effective_on,
                by=by,
                summary=summary,
                note=note,
            )
    return into


@transaction.atomic
def swg_split(
    *,
    swg: SWG,
    name_en: str,
    name_ar: str,
    subsectors: list[Subsector],
    effective_on: dt.date | None = None,
    by=None,
    note="",
) -> SWG:
    """Split off a new group that takes the given subsectors."""
    effective_on = effective_on or timezone.localdate()
    if any(s.swg_id != swg.pk for s in subsectors):
        raise ValidationError({"subsectors": _("Only this group's subsectors can be split off.")})
    new = swg_create(name_en=name_en, name_ar=name_ar, effective_on=effective_on, by=by)
    for subsector in subsectors:
        subsector_move(subsector=subsector, to_swg=new, effective_on=effective_on, by=by)

    def summary():
        return _("%(new)s split off from %(old)s") % {"new": new.name, "old": swg.name}

    for a, b in ((swg, new), (new, swg)):
        _log(
            kind=StructureChange.Kind.SPLIT,
            swg=a,
            other_swg=b,
            effective_on=effective_on,
            by=by,
            summary=summary,
            note=note,
        )
    return new


@transaction.atomic
def swg_retire(
    *,
    swg: SWG,
    replaced_by: list[SWG] | None = None,
    effective_on: dt.date | None = None,
    by=None,
    note="",
) -> SWG:
    effective_on = effective_on or timezone.localdate()
    if not swg.is_active:
        raise ValidationError({"swg": _("This group is already retired.")})
    _retire(swg, effective_on=effective_on, replaced_by=replaced_by or [], by=by)
    _log(
        kind=StructureChange.Kind.RETIRE,
        swg=swg,
        effective_on=effective_on,
        by=by,
        note=note,
        summary=lambda: _("Retired"),
    )
    return swg
