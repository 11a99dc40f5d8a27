"""Reads behind the searchable selects (coordination/search_select.py): a few
organizations, people, meetings or documents matching what was typed, in the reader's language, the
group's people first. Each is one query with a bounded result."""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils import timezone
from django.utils.translation import get_language

from coordination.bidi import bdi_join
from coordination.search_select import SEARCH_LIMIT

from .. import permissions
from ..models import SWG, Contact, Document, Meeting, Membership, Organization


def _reader_name(prefix: str = ""):
    """The name in the reader's language (falling back to the other), for sorting."""
    en, ar = f"{prefix}name_en", f"{prefix}name_ar"
    if (get_language() or "en").startswith("ar"):
        return Lower(Coalesce(NullIf(ar, Value("")), en))
    return Lower(Coalesce(NullIf(en, Value("")), ar))


def organization_label(organization: Organization) -> str:
    return str(organization)


def contact_label(contact: Contact) -> str:
    """ "Name — organization", as every person choice shows it."""
    return bdi_join([contact.name, str(contact.organization)])


def organizations_matching(
    *, user, q: str = "", government: bool = False, limit: int = SEARCH_LIMIT
) -> list[Organization]:
    """Organizations matching ``q``; with ``government``, only the active
    ministries and government bodies (a project's beneficiary institutions)."""
    qs = permissions.scope(user, Organization.objects.all())
    if government:
        qs = qs.filter(org_type__in=Organization.GOVERNMENT_TYPES, is_active=True)
    for word in q.split()[:5]:
        qs = qs.filter(
            Q(name_en__icontains=word) | Q(name_ar__icontains=word) | Q(acronym__icontains=word)
        )
    return list(qs.order_by("-is_active", _reader_name(), "pk")[:limit])


def group_people_condition(swg: SWG):
    """People of the group: members in person, or of a member organization, today."""
    active = Membership.objects.active().filter(swg=swg)
    return Exists(active.filter(contact_id=OuterRef("pk"))) | Exists(
        active.filter(organization_id=OuterRef("organization_id"), contact__isnull=True)
    )


def contacts_matching(
    *,
    user,
    q: str = "",
    organization_id: int | None = None,
    swg: SWG | None = None,
    not_invited_to: Meeting | None = None,
    limit: int = SEARCH_LIMIT,
) -> list[Contact]:
    """Active people the user may see, matching ``q`` (name or email), of
    ``organization_id`` if given, not yet invited to ``not_invited_to``; the
    people of ``swg`` first. Each has ``in_group`` set."""
    qs = permissions.scope(user, Contact.objects.filter(is_active=True))
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    if not_invited_to is not None:
        qs = qs.exclude(invitations__meeting=not_invited_to)
    for word in q.split()[:5]:
        qs = qs.filter(
            Q(name_en__icontains=word) | Q(name_ar__icontains=word) | Q(email__icontains=word)
        )
    if swg is not None:
        qs = qs.annotate(
            in_group=Case(
                When(group_people_condition(swg), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    else:
        qs = qs.annotate(in_group=Value(0, output_field=IntegerField()))
    return list(
        qs.select_related("organization").order_by("-in_group", _reader_name(), "pk")[:limit]
    )


class _InArray(Func):
    """``column = ANY(ARRAY(subquery))``: an index serves it (the array is read
    once), where ``column IN (subquery) OR …`` filters every row."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = BooleanField()

    def __init__(self, column: str, values):
        super().__init__(F(column), ArraySubquery(values))


def group_people(
    *, swg: SWG, organization_id: int | None = None, limit: int = 200
) -> list[Contact]:
    """The group's people, sorted in the reader's language (the options a
    presenter or owner is first chosen from)."""
    # The people in person and those of member organizations, each looked up
    # through its index (``= ANY(ARRAY(subquery))``): the EXISTS pair of
    # group_people_condition filters every contact of the directory.
    active = Membership.objects.active().filter(swg=swg).order_by()
    in_person = active.filter(contact__isnull=False).values("contact_id")
    of_members = active.filter(contact__isnull=True).values("organization_id")
    qs = Contact.objects.filter(is_active=True).filter(
        Q(_InArray("pk", in_person)) | Q(_InArray("organization_id", of_members))
    )
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    return list(qs.select_related("organization").order_by(_reader_name(), "pk")[:limit])


def meeting_label(meeting: Meeting) -> str:
    """ "Group — title (date)", as every meeting choice shows it."""
    day = timezone.localtime(meeting.starts_at).date()
    return f"{meeting.swg.name} — {meeting} ({day:%Y-%m-%d})"


def _date_prefix(word: str) -> bool:
    """A year, year-month or full date as typed ("2024", "2024-05", "2024-05-12")."""
    parts = word.split("-")
    return 1 <= len(parts) <= 3 and len(parts[0]) == 4 and all(p.isdigit() for p in parts)


def meetings_matching(
    *, user, q: str = "", swg_id: int | None = None, limit: int = SEARCH_LIMIT
) -> list[Meeting]:
    """Meetings the user may see (of group ``swg_id`` if given), newest first,
    matching ``q`` word by word: the title in either language, the group's
    name, or a date prefix."""
    qs = permissions.scope(user, Meeting.objects.all())
    if swg_id:
        qs = qs.filter(swg_id=swg_id)
    for word in q.split()[:5]:
        match = (
            Q(title_en__icontains=word)
            | Q(title_ar__icontains=word)
            | Q(swg__name_en__icontains=word)
            | Q(swg__name_ar__icontains=word)
        )
        if _date_prefix(word):
            match |= Q(starts_at__date__startswith=word)
        qs = qs.filter(match)
    return list(
        qs.select_related("swg")
        .only("title_en", "title_ar", "starts_at", "swg__name_en", "swg__name_ar")
        .order_by("-starts_at", "-pk")[:limit]
    )


def document_label(document: Document) -> str:
    """ "Group — title (date)", as every document choice shows it."""
    return f"{document.swg.name} — {document} ({document.document_date:%Y-%m-%d})"


def documents_matching(*, user, q: str = "", limit: int = SEARCH_LIMIT) -> list[Document]:
    """Documents the user may read, newest first, matching ``q`` word by word
    (title or group name)."""
    qs = permissions.scope(user, Document.objects.all())
    for word in q.split()[:5]:
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(swg__name_en__icontains=word)
            | Q(swg__name_ar__icontains=word)
        )
    return list(
        qs.select_related("swg")
        .only("title", "document_date", "swg__name_en", "swg__name_ar")
        .order_by("-document_date", "-pk")[:limit]
    )
