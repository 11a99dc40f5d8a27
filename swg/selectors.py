"""Reads for pages and exports: each runs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from .models import SWG, Contact, FocalPoint, Membership, Organization, StructureChange, Subsector


def swg_list(*, swgs: QuerySet) -> QuerySet:
    today = timezone.localdate()
    active = Q(memberships__end_date__isnull=True) | Q(memberships__end_date__gte=today)
    return swgs.annotate(
        member_count=Count(
            "memberships__organization",
            filter=active & Q(memberships__start_date__lte=today),
            distinct=True,
        )
    ).prefetch_related(
        Prefetch("subsectors", queryset=Subsector.objects.filter(is_active=True)),
        Prefetch("replaced_by", queryset=SWG.objects.only("pk", "slug", "name_en", "name_ar")),
    )


def swg_memberships(*, swg: SWG, include_ended: bool = False) -> QuerySet:
    qs = Membership.objects.filter(swg=swg).select_related("organization", "contact")
    if not include_ended:
        qs = qs.active()
    return qs.order_by("end_date", "role", "organization__name_en")


def swg_structure_history(*, swg: SWG) -> QuerySet:
    return StructureChange.objects.filter(swg=swg).select_related(
        "made_by", "other_swg", "subsector"
    )


@dataclass
class ContactEntry:
    contact: Contact
    role: str
    role_label: str
    task: str


def swg_contact_list(*, swg: SWG, contacts: QuerySet | None = None) -> list[ContactEntry]:
    """Every person in the group with their exact task (assessment Annex 2d):
    people who are members in their own name, then SWG focal points of member
    organizations. ``contacts`` limits the people to a (permission-)scoped set."""
    people = Membership.objects.active().filter(swg=swg, contact__isnull=False)
    focal = FocalPoint.objects.filter(
        swg=swg, purpose=FocalPoint.Purpose.SWG, ended_on__isnull=True
    )
    if contacts is not None:
        people = people.filter(contact__in=contacts.values("pk"))
        focal = focal.filter(contact__in=contacts.values("pk"))
    entries: dict[int, ContactEntry] = {}
    for m in people.select_related("contact__organization").order_by("role", "contact__name_en"):
        entries.setdefault(
            m.contact_id,
            ContactEntry(
                contact=m.contact, role=m.role, role_label=m.get_role_display(), task=m.task
            ),
        )
    org_tasks = dict(
        Membership.objects.active()
        .filter(swg=swg, contact__isnull=True, organization__isnull=False)
        .values_list("organization_id", "task")
    )
    for fp in focal.select_related("contact__organization").order_by("contact__name_en"):
        if fp.contact_id in entries:
            continue
        label = str(FocalPoint._meta.verbose_name).capitalize()
        if fp.is_interim:
            label = f"{label} ({FocalPoint._meta.get_field('is_interim').verbose_name})"
        entries[fp.contact_id] = ContactEntry(
            contact=fp.contact,
            role="focal_point",
            role_label=label,
            task=org_tasks.get(fp.organization_id, ""),
        )
    return list(entries.values())


def organization_detail(*, organization: Organization):
    memberships = (
        Membership.objects.filter(organization=organization)
        .select_related("swg", "contact")
        .order_by("end_date", "swg__number")
    )
    focal_points = organization.focal_points.select_related("contact", "swg").order_by(
        "ended_on", "-appointed_on"
    )
    contacts = organization.contacts.order_by("name_en")
    children = organization.children.order_by("name_en")
    return {
        "memberships": memberships,
        "focal_points": focal_points,
        "contacts": contacts,
        "children": children,
    }


def _field_display(field, value):
    """A stored value as the forms show it: choice labels, yes/no."""
    if value in (None, ""):
        return ""
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    return value


def history_rows(*, obj, limit: int = 30) -> list[dict]:
    """Who changed what and when, newest first, with the fields that changed."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    rows = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if len(rows) == limit:
            break
        changes = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older)
            for change in delta.changes:
                field = obj._meta.get_field(change.field)
                changes.append(
                    {
                        "field": field.verbose_name,
                        "old": _field_display(field, change.old),
                        "new": _field_display(field, change.new),
                    }
                )
        rows.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "type": newer.get_history_type_display(),
                "changes": changes,
            }
        )
    return rows
