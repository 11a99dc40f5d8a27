"""Writes for the terms of reference (DESIGN §3 "Terms of reference";
assessment §2(ii), Annex 2b: drafted, reviewed with MoP, in Arabic too).

A version moves draft → reviewed by MoP → endorsed by the chair; endorsing
supersedes the version endorsed before. Only a draft is written: an edit of a
reviewed version takes it back to draft (the review was of other words), and
an endorsed version is never changed, a new draft starts from it. Each
function raises ``ValidationError`` (without a field when the whole action is
refused), and then changes nothing.
"""

from __future__ import annotations

import functools

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.history import history_attribute

from ..models import SWG, TorVersion
from ..models.tors import LANGUAGES, SECTION_KEYS, SECTIONS, section_field
from ..selectors.tors import tor_endorsed, tor_open_version
from . import notifications
from .common import locked, refuse

SECTION_FIELDS = tuple(section_field(k, lang) for k in SECTION_KEYS for lang in LANGUAGES)


def _lock_tor(swg: SWG | None) -> None:
    # Two people starting a draft at once: the group's row (or, for the
    # generic TOR, its versions) serialises them.
    if swg is not None:
        locked(SWG, swg.pk)
    else:
        list(TorVersion.objects.select_for_update().filter(swg__isnull=True).order_by("pk"))


@transaction.atomic
def tor_draft_start(*, swg: SWG | None, by=None) -> TorVersion:
    """A new draft, with the text of the endorsed version (DESIGN §3: "a new
    draft starts from the endorsed one"); a group's first TOR starts from the
    endorsed generic TOR (assessment §2(ii)), or empty."""
    _lock_tor(swg)
    if tor_open_version(swg=swg) is not None:
        refuse(_("A version is already under way; finish it before starting another."))
    source = tor_endorsed(swg=swg)
    if source is None and swg is not None:
        source = tor_endorsed(swg=None)
    versions = TorVersion.objects.filter(swg=swg) if swg else TorVersion.objects.filter(swg=None)
    number = (versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = TorVersion(
        swg=swg,
        number=number,
        based_on=source,
        created_by=by,
    )
    if source is not None:
        for name in SECTION_FIELDS:
            setattr(draft, name, getattr(source, name))
    history_attribute(draft, by=by).save()
    return draft


def tor_require_writable(*, version: TorVersion) -> None:
    """Refuse unless the version may still be written (not endorsed or superseded)."""
    if version.status in (TorVersion.Status.ENDORSED, TorVersion.Status.SUPERSEDED):
        refuse(
            _(
                "Version %(n)s has been endorsed and cannot be edited. "
                "Start a new draft from it instead."
            )
            % {"n": version.number}
        )


@transaction.atomic
def tor_draft_save(*, version: TorVersion, sections: dict[str, str], by=None) -> TorVersion:
    """Save the sections (``sections`` maps e.g. ``objectives_en`` to its text).
    A reviewed version goes back to draft: MoP reviewed other words."""
    version = locked(TorVersion, version.pk)
    tor_require_writable(version=version)
    unknown = set(sections) - set(SECTION_FIELDS)
    if unknown:
        refuse(_("Unknown section: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    for name, text in sections.items():
        setattr(version, name, (text or "").strip())
    if version.status == TorVersion.Status.REVIEWED:
        version.status = TorVersion.Status.DRAFT
        version.reviewed_by = None
        version.reviewed_at = None
    history_attribute(version, by=by).save()
    return version


@transaction.atomic
def tor_review(*, version: TorVersion, by=None) -> TorVersion:
    """MoP has reviewed the draft. Every section must be written, in English or
    Arabic; a missing translation is shown as such on the group's page (Annex 2b:
    MoP asked for the Arabic version, which may follow the English one)."""
    version = locked(TorVersion, version.pk)
    tor_require_writable(version=version)
    if version.status != TorVersion.Status.DRAFT:
        refuse(_("This version has already been reviewed; it waits for the chair."))
    missing = [
        str(label)
        for key, label in SECTIONS
        if not any(version.section_text(key, language).strip() for language in LANGUAGES)
    ]
    if missing:
        refuse(
            _("Write every section before the review. Missing: %(list)s.")
            % {"list": ", ".join(missing)}
        )
    version.status = TorVersion.Status.REVIEWED
    version.reviewed_by = by
    version.reviewed_at = timezone.now()
    history_attribute(version, by=by).save()
    notifications.tor_reviewed_notify(version=version)
    return version


@transaction.atomic
def tor_endorse(*, version: TorVersion, by=None) -> TorVersion:
    """The chair endorses a reviewed version (who and when are kept); the one
    endorsed before is superseded."""
    version = locked(TorVersion, version.pk)
    if version.status == TorVersion.Status.ENDORSED:
        refuse(_("This version is already endorsed."))
    tor_require_writable(version=version)
    if version.status != TorVersion.Status.REVIEWED:
        refuse(
            _(
                "This version has not been reviewed by MoP. It can be endorsed only "
                "after the review."
            )
        )
    current = tor_endorsed(swg=version.swg)
    if current is not None:
        current = locked(TorVersion, current.pk)
        current.status = TorVersion.Status.SUPERSEDED
        history_attribute(current, by=by).save()
    version.status = TorVersion.Status.ENDORSED
    version.endorsed_by = by
    version.endorsed_at = timezone.now()
    history_attribute(version, by=by).save()
    # The archive keeps the endorsed text as PDF (DESIGN §3 "Document archive").
    transaction.on_commit(functools.partial(_queue_filing, version.pk), robust=True)
    return version


def _queue_filing(version_id: int) -> None:
    from ..tasks import tor_file  # the task module imports the services

    tor_file.delay(version_id)
