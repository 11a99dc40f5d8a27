"""Writes of the working-group domain, one module per area (DESIGN §6): each
function is one business action named ``<thing>_<action>``, keyword-only, in a
transaction, raising ``ValidationError`` with field keys."""

from . import (
    action_points,
    attendance,
    calendar_feeds,
    calendar_replies,
    common,
    contacts,
    correspondence,
    documents,
    imports,
    invitations,
    meetings,
    memberships,
    minutes,
    pdfs,
    reviews,
    schedule,
    structure,
    tors,
)

__all__ = [
    "action_points",
    "attendance",
    "calendar_feeds",
    "calendar_replies",
    "common",
    "contacts",
    "correspondence",
    "documents",
    "imports",
    "invitations",
    "meetings",
    "memberships",
    "minutes",
    "pdfs",
    "reviews",
    "schedule",
    "structure",
    "tors",
]
