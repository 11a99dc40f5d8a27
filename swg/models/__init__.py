from .directory import Contact, Organization
from .jobs import ImportJob
from .meetings import AgendaItem, Attendance, CalendarToken, Invitation, Meeting
from .membership import FocalPoint, Membership, SWGAppointment
from .minutes import CIRCULATED_ACTION_POINTS, ActionPoint, Minutes, MinutesItem
from .reviews import MembershipReview
from .structure import SWG, StructureChange, Subsector

__all__ = [
    "CIRCULATED_ACTION_POINTS",
    "ActionPoint",
    "AgendaItem",
    "Attendance",
    "CalendarToken",
    "Contact",
    "FocalPoint",
    "ImportJob",
    "Invitation",
    "Meeting",
    "Membership",
    "MembershipReview",
    "Minutes",
    "MinutesItem",
    "Organization",
    "SWG",
    "SWGAppointment",
    "StructureChange",
    "Subsector",
]
