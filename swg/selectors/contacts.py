"""Reads for the people of the groups: the contact list of an SWG (assessment
Annex 2d) and the rows of a contact export."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from coordination.bilingual import pick_language
from coordination.web import PAGE_SIZE

from ..exchange.contacts import ContactRow
from ..models import SWG, Contact, FocalPoint, Membership


@dataclass
class ContactEntry:
    contact: Contact
    role: str
    role_label: str
    task_en: str = ""
    task_ar: str = ""

    @property
    def task(self) -> str:
        return pick_language(self.task_en, self.task_ar)


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
                contact=m.contact,
                role=m.role,
                role_label=m.get_role_display(),
                task_en=m.task_en,
                task_ar=m.task_ar,
            ),
        )
    org_tasks = {
        organization_id: (task_en, task_ar)
        for organization_id, task_en, task_ar in Membership.objects.active()
        .filter(swg=swg, contact__isnull=True, organization__isnull=False)
        .values_list("organization_id", "task_en", "task_ar")
    }
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
            task_en=org_tasks.get(fp.organization_id, ("", ""))[0],
            task_ar=org_tasks.get(fp.organization_id, ("", ""))[1],
        )
    return list(entries.values())


class _EntrySequence:
    """The group's people as ``swg_contact_list`` orders them, read a slice at a
    time from the database: members in their own name, then SWG focal points
    who are not also such members (for a paginator: a page costs the same
    queries whatever the size of the group)."""

    def __init__(self, *, swg: SWG, contacts: QuerySet | None):
        self.swg = swg
        self.people = Membership.objects.active().filter(swg=swg, contact__isnull=False)
        focal = FocalPoint.objects.filter(
            swg=swg, purpose=FocalPoint.Purpose.SWG, ended_on__isnull=True
        )
        if contacts is not None:
            self.people = self.people.filter(contact__in=contacts.values("pk"))
            focal = focal.filter(contact__in=contacts.values("pk"))
        self.focal = focal.exclude(contact__in=self.people.values("contact_id"))
        self._people_count = None

    def _count_people(self) -> int:
        if self._people_count is None:
            self._people_count = self.people.count()
        return self._people_count

    def count(self) -> int:
        return self._count_people() + self.focal.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[ContactEntry]:
        start, stop = window.start or 0, window.stop
        split = self._count_people()
        entries = []
        if start < split:
            members = self.people.select_related("contact__organization").order_by(
                "role", "contact__name_en", "pk"
            )[start : min(stop, split)]
            entries += [
                ContactEntry(
                    contact=m.contact,
                    role=m.role,
                    role_label=m.get_role_display(),
                    task_en=m.task_en,
                    task_ar=m.task_ar,
                )
                for m in members
            ]
        if stop > split:
            focal = list(
                self.focal.select_related("contact__organization").order_by(
                    "contact__name_en", "pk"
                )[max(0, start - split) : stop - split]
            )
            org_tasks = {
                organization_id: (task_en, task_ar)
                for organization_id, task_en, task_ar in Membership.objects.active()
                .filter(
                    swg=self.swg,
                    contact__isnull=True,
                    organization__in=[fp.organization_id for fp in focal],
                )
                .values_list("organization_id", "task_en", "task_ar")
            }
            label = str(FocalPoint._meta.verbose_name).capitalize()
            interim = FocalPoint._meta.get_field("is_interim").verbose_name
            for fp in focal:
                task_en, task_ar = org_tasks.get(fp.organization_id, ("", ""))
                entries.append(
                    ContactEntry(
                        contact=fp.contact,
                        role="focal_point",
                        role_label=f"{label} ({interim})" if fp.is_interim else label,
                        task_en=task_en,
                        task_ar=task_ar,
                    )
                )
        return entries


def swg_contact_page(*, swg: SWG, contacts: QuerySet | None = None, number=None) -> Page:
    """One page of ``swg_contact_list``, read from the database page by page."""
    return Paginator(_EntrySequence(swg=swg, contacts=contacts), PAGE_SIZE).get_page(number)


# Rows an export holds in memory at once (docs/architecture.md "Long work"):
# the all-contacts exports stream through a server-side cursor in chunks.
EXPORT_CHUNK_ROWS = 500


def contact_rows_for(queryset, *, swg=None) -> Iterable[ContactRow]:
    """Rows for an export; with ``swg``, each person's role and task in it.

    Without ``swg`` (every contact the user may see, any number) the rows are
    a generator over the queryset in chunks, so an export's memory does not
    grow with the number of contacts; a group's list is bounded by its size."""
    if swg is None:
        return (
            ContactRow(contact=c)
            for c in queryset.select_related("organization").iterator(chunk_size=EXPORT_CHUNK_ROWS)
        )
    return [
        ContactRow(
            contact=entry.contact,
            swg=swg.name,
            role=entry.role_label,
            task_en=entry.task_en,
            task_ar=entry.task_ar,
        )
        for entry in swg_contact_list(swg=swg, contacts=queryset)
    ]
