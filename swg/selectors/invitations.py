"""Reads for the invitees of a meeting and their answers."""

from __future__ import annotations

from collections import Counter

from ..models import Invitation, Meeting
from .contacts import ContactEntry, swg_contact_list


def rsvp_counts(invitations: list[Invitation]) -> list[tuple[str, str, int]]:
    """(answer, label, count) for every answer, "no answer" last."""
    counts = Counter(invitation.rsvp for invitation in invitations)
    order = [
        Invitation.Rsvp.ACCEPTED,
        Invitation.Rsvp.TENTATIVE,
        Invitation.Rsvp.DECLINED,
        Invitation.Rsvp.NONE,
    ]
    return [(value, Invitation.Rsvp(value).label, counts.get(value, 0)) for value in order]


def meeting_invitations(*, meeting: Meeting) -> list[Invitation]:
    return list(
        meeting.invitations.select_related("contact__organization").order_by(
            "is_ad_hoc", "contact__name_en"
        )
    )


def meeting_member_invitees(*, meeting: Meeting) -> list[ContactEntry]:
    """The group's active people (swg_contact_list) not invited yet."""
    invited = set(meeting.invitations.values_list("contact_id", flat=True))
    return [
        entry
        for entry in swg_contact_list(swg=meeting.swg)
        if entry.contact.is_active and entry.contact.pk not in invited
    ]
