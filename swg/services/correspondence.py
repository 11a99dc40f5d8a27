"""Writes of the correspondence register (DESIGN §3 "Correspondence register";
LIBMITAF §5.1: official correspondence passes through the MFA, approvals come
back as Notes Verbales that need following up)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from coordination.history import history_attribute

from ..models import SWG, Correspondence, Organization
from .common import refuse

FIELDS = (
    "reference",
    "date",
    "direction",
    "from_organization",
    "to_organization",
    "subject_en",
    "subject_ar",
    "channel",
    "kind",
    "swg",
    "follow_up_due",
    "follow_up_status",
    "notes",
)


def _check(entry: Correspondence) -> None:
    if not (entry.subject_en or "").strip() and not (entry.subject_ar or "").strip():
        refuse(_("Give the subject in English or Arabic (or both)."), "subject_en")
    if entry.follow_up_status == Correspondence.FollowUp.OPEN and entry.follow_up_due is None:
        refuse(_("Give the date the follow-up is due."), "follow_up_due")
    clash = Correspondence.objects.filter(
        year=entry.date.year, reference__iexact=entry.reference
    ).exclude(pk=entry.pk)
    if clash.exists():
        refuse(
            _("Reference %(reference)s is already used in %(year)s.")
            % {"reference": entry.reference, "year": entry.date.year},
            "reference",
        )


def _save(entry: Correspondence, *, documents, meetings, by) -> Correspondence:
    _check(entry)
    try:
        with transaction.atomic():
            history_attribute(entry, by=by).save()
    except IntegrityError:  # the same reference saved at the same moment
        refuse(_("This reference is already used in that year."), "reference")
    if documents is not None:
        entry.documents.set(documents)
    if meetings is not None:
        entry.meetings.set(meetings)
    return entry


@transaction.atomic
def correspondence_record(
    *,
    reference: str,
    date: dt.date,
    direction: str,
    from_organization: Organization,
    to_organization: Organization,
    subject_en: str = "",
    subject_ar: str = "",
    channel: str,
    kind: str,
    swg: SWG | None = None,
    follow_up_due: dt.date | None = None,
    follow_up_status: str = Correspondence.FollowUp.NONE,
    notes: str = "",
    documents=(),
    meetings=(),
    by=None,
) -> Correspondence:
    """A letter, Note Verbale or email entered in the register."""
    entry = Correspondence(
        reference=reference.strip(),
        date=date,
        direction=direction,
        from_organization=from_organization,
        to_organization=to_organization,
        subject_en=subject_en,
        subject_ar=subject_ar,
        channel=channel,
        kind=kind,
        swg=swg,
        follow_up_due=follow_up_due,
        follow_up_status=follow_up_status,
        notes=notes,
        created_by=by,
    )
    return _save(entry, documents=documents, meetings=meetings, by=by)


@transaction.atomic
def correspondence_update(
    *, entry: Correspondence, documents=None, meetings=None, by=None, **changes
) -> Correspondence:
    """New details for an entry; only the register's own fields change."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    for name, value in changes.items():
        setattr(entry, name, value.strip() if name == "reference" else value)
    return _save(entry, documents=documents, meetings=meetings, by=by)
