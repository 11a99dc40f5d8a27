"""Reads of the working-group domain for pages, exports and emails, one module
per area (DESIGN §6); each runs a fixed number of queries whatever the size of
the data (pages pin their counts in the tests)."""

from . import (
    action_points,
    attendance,
    contacts,
    correspondence,
    documents,
    home,
    invitations,
    meetings,
    memberships,
    minutes,
    organizations,
    recipients,
    reviews,
    schedule,
    search,
    structure,
    tors,
)

__all__ = [
    "action_points",
    "attendance",
    "contacts",
    "correspondence",
    "documents",
    "home",
    "invitations",
    "meetings",
    "memberships",
    "minutes",
    "organizations",
    "recipients",
    "reviews",
    "schedule",
    "search",
    "structure",
    "tors",
]
