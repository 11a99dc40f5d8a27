"""Who an email goes to: one entry per address, each with the name and language
the message is rendered in (the outbox renders it in ``language``), and the
recipient lists of the circulated minutes and the monthly schedule."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from coordination.bilingual import pick_language
from coordination.emails import normalize_email

from ..models import (
    SWG,
    Attendance,
    Contact,
    FocalPoint,
    Membership,
    Minutes,
    ScheduleOptOut,
    ScheduleSubscription,
)
from .contacts import swg_contact_list


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str
    # The groups whose news this person follows; None: every group.
    swg_ids: frozenset[int] | None = None


class Recipients:
    """An ordered set of recipients keyed by lower-cased email; the first entry
    for an address wins (so a person's contact record beats their login)."""

    def __init__(self):
        self._found: dict[str, Recipient] = {}

    def add(self, *, email: str, name: str = "", language: str = "", swg_ids=None) -> None:
        email = normalize_email(email)
        if email and email not in self._found:
            language = language or settings.LANGUAGE_CODE
            self._found[email] = Recipient(
                email=email, name=name, language=language, swg_ids=swg_ids
            )

    def add_contact(self, contact: Contact) -> None:
        """An active contact, named in their own language."""
        if contact.is_active:
            language = contact.preferred_language
            name = pick_language(contact.name_en, contact.name_ar, language)
            self.add(email=contact.email, name=name, language=language)

    def as_list(self) -> list[Recipient]:
        return list(self._found.values())


def minutes_recipients(*, minutes: Minutes) -> list[Recipient]:
    """Who receives circulated minutes: the members' people and SWG focal points
    (the group's contact list), and MoP — its people who are members or focal
    points anywhere, plus the ``MOP_MINUTES_EMAIL`` mailbox if one is set
    (assessment Annex 1.1, 2f: minutes circulated "to MoP and other SWG members")."""
    recipients = Recipients()
    for entry in swg_contact_list(swg=minutes.meeting.swg):
        recipients.add_contact(entry.contact)
    today = timezone.localdate()
    active_member = Membership.objects.active(today).values("contact_id")
    open_focal = FocalPoint.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today), appointed_on__lte=today
    ).values("contact_id")
    mop_people = Contact.objects.filter(
        organization__is_ministry_of_planning=True, is_active=True
    ).filter(Q(pk__in=active_member) | Q(pk__in=open_focal))
    for contact in mop_people.order_by("name_en"):
        recipients.add_contact(contact)
    recipients.add(email=settings.MOP_MINUTES_EMAIL)
    return recipients.as_list()


def minutes_attendee_guests(
    *, minutes: Minutes, recipients: list[Recipient] | None = None
) -> list[Recipient]:
    """The ad-hoc invitees and walk-ins who attended the minutes' meeting and
    are not already among ``minutes_recipients`` (the secretariat may add them
    when circulating; attending never makes them members). ``recipients``: that
    list when the caller has it already."""
    if recipients is None:
        recipients = minutes_recipients(minutes=minutes)
    already = {r.email for r in recipients}
    ad_hoc = minutes.meeting.invitations.filter(is_ad_hoc=True).values("contact_id")
    attended = (
        Contact.objects.filter(
            attendance__meeting_id=minutes.meeting_id,
            attendance__status=Attendance.Status.PRESENT,
        )
        .filter(Q(attendance__is_walk_in=True) | Q(pk__in=ad_hoc))
        .order_by("name_en", "name_ar", "pk")
    )
    guests = Recipients()
    for contact in attended:
        if normalize_email(contact.email) not in already:
            guests.add_contact(contact)
    return guests.as_list()


def monthly_schedule_recipients() -> list[Recipient]:
    """Who receives the schedule (assessment Annex 2c: "all agencies and the
    International Community (in case they are interested)"): every active
    person in the contact list of an active SWG (members' people and SWG focal
    points, Annex 2d), the coordination team's logins and the partner focal
    points whose organization is a member of an active group, all with every
    group's meetings; and partners who subscribed to groups they are not
    members of, with those groups' meetings only. Addresses that unsubscribed
    are left out. One entry per email (the first found wins, so a person's
    contact record decides their language over their login)."""
    recipients = Recipients()
    for swg in SWG.objects.filter(is_active=True).order_by("number", "name_en"):
        for entry in swg_contact_list(swg=swg):
            recipients.add_contact(entry.contact)
    member_orgs = set(
        Membership.objects.active()
        .filter(swg__is_active=True, organization__isnull=False)
        .values_list("organization_id", flat=True)
    )
    subscribed: dict[int, set[int]] = {}
    for user_id, swg_id in ScheduleSubscription.objects.filter(swg__is_active=True).values_list(
        "user_id", "swg_id"
    ):
        subscribed.setdefault(user_id, set()).add(swg_id)
    users = User.objects.filter(
        is_active=True, kind__in=(User.Kind.PARTNER, User.Kind.COORDINATION)
    ).order_by("email")
    for user in users:
        if user.kind == User.Kind.COORDINATION or user.organization_id in member_orgs:
            swg_ids = None
        elif user.pk in subscribed:
            swg_ids = frozenset(subscribed[user.pk])
        else:
            continue
        recipients.add(
            email=user.email, name=user.full_name, language=user.language, swg_ids=swg_ids
        )
    opted_out = set(ScheduleOptOut.objects.values_list("email", flat=True))
    return [r for r in recipients.as_list() if r.email not in opted_out]
