"""Writes for memberships and focal points (assessment Annex 1.1 and 2d; the
LIBMITAF report on focal points).

Each function is one business action, keyword-only, wrapped in a transaction,
and raises ``ValidationError`` with field keys so forms can show the message at
the field. Restructuring lives in ``swg.services.structure``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.history import history_attribute

from ..models import SWG, Contact, FocalPoint, Membership, Organization
from ..selectors.memberships import membership_size_warning


def _validate_membership(m: Membership) -> None:
    if m.organization_id is None and m.contact_id is None:
        raise ValidationError({"organization": _("Choose an organization, a person, or both.")})
    if m.contact_id and m.organization_id and m.contact.organization_id != m.organization_id:
        raise ValidationError({"contact": _("This person works for another organization.")})
    if m.end_date and m.end_date < m.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    if m.role == Membership.Role.CHAIR:
        org = m.organization or (m.contact.organization if m.contact_id else None)
        if org is None or not org.is_government:
            raise ValidationError(
                {
                    "role": _(
                        "The chair represents the government: choose a government organization."
                    )
                }
            )
        others = _overlapping(m).filter(role=Membership.Role.CHAIR)
        if others.exists():
            raise ValidationError(
                {"role": _("This group already has an active chair; end that membership first.")}
            )
    if _overlapping(m).filter(organization=m.organization, contact=m.contact).exists():
        raise ValidationError({"organization": _("This member already belongs to the group.")})


def _overlapping(m: Membership):
    """Other memberships of the group whose period overlaps ``m``'s. The day one
    ends may be the day the next starts (a hand-over)."""
    qs = Membership.objects.filter(swg=m.swg).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=m.start_date)
    )
    if m.end_date is not None:
        qs = qs.filter(start_date__lt=m.end_date)
    return qs.exclude(pk=m.pk) if m.pk else qs


@transaction.atomic
def membership_add(
    *,
    swg: SWG,
    role: str,
    organization: Organization | None = None,
    contact: Contact | None = None,
    task_en: str = "",
    task_ar: str = "",
    start_date: dt.date | None = None,
    by=None,
) -> tuple[Membership, str | None]:
    membership = Membership(
        swg=swg,
        organization=organization or (contact.organization if contact else None),
        contact=contact,
        role=role,
        task_en=task_en,
        task_ar=task_ar,
        start_date=start_date or timezone.localdate(),
    )
    _validate_membership(membership)
    history_attribute(membership, by=by).save()
    return membership, membership_size_warning(swg=swg)


@transaction.atomic
def membership_update(
    *, membership: Membership, role: str, task_en: str = "", task_ar: str = "", by=None
) -> Membership:
    membership.role = role
    membership.task_en = task_en
    membership.task_ar = task_ar
    _validate_membership(membership)
    history_attribute(membership, by=by).save()
    return membership


@transaction.atomic
def membership_end(
    *, membership: Membership, end_date: dt.date | None = None, reason: str = "", by=None
) -> Membership:
    """End a membership; the row stays, so the group's history still shows it."""
    end_date = end_date or timezone.localdate()
    if membership.end_date is not None:
        raise ValidationError({"end_date": _("This membership has already ended.")})
    if end_date < membership.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    membership.end_date = end_date
    membership.end_reason = reason
    history_attribute(membership, by=by).save()
    return membership


@transaction.atomic
def focal_point_appoint(
    *,
    organization: Organization,
    contact: Contact,
    purpose: str,
    swg: SWG | None = None,
    purpose_detail: str = "",
    appointed_on: dt.date | None = None,
    is_interim: bool = False,
    by=None,
) -> FocalPoint:
    """Appoint a focal point. The current holder of the same post is ended on
    the day before, so a change is a new row and never an overwrite."""
    appointed_on = appointed_on or timezone.localdate()
    if contact.organization_id != organization.pk:
        raise ValidationError({"contact": _("This person works for another organization.")})
    if purpose == FocalPoint.Purpose.SWG and swg is None:
        raise ValidationError({"swg": _("Choose the working group this focal point is for.")})
    current = FocalPoint.objects.select_for_update().filter(
        organization=organization,
        purpose=purpose,
        swg=swg,
        purpose_detail=purpose_detail,
        ended_on__isnull=True,
    )
    for previous in current:
        if previous.appointed_on > appointed_on:
            raise ValidationError(
                {"appointed_on": _("A later appointment already exists for this post.")}
            )
        previous.ended_on = max(previous.appointed_on, appointed_on - dt.timedelta(days=1))
        history_attribute(previous, by=by).save()
    focal_point = FocalPoint(
        organization=organization,
        contact=contact,
        purpose=purpose,
        swg=swg,
        purpose_detail=purpose_detail,
        appointed_on=appointed_on,
        is_interim=is_interim,
    )
    history_attribute(focal_point, by=by).save()
    return focal_point


@transaction.atomic
def focal_point_end(*, focal_point: FocalPoint, ended_on: dt.date | None = None, by=None):
    ended_on = ended_on or timezone.localdate()
    if focal_point.ended_on:
        raise ValidationError({"ended_on": _("This appointment has already ended.")})
    if ended_on < focal_point.appointed_on:
        raise ValidationError({"ended_on": _("The end date is before the appointment date.")})
    focal_point.ended_on = ended_on
    history_attribute(focal_point, by=by).save()
    return focal_point
