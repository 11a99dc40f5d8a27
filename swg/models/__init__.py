from .calendar_replies import CalendarReply
from .directory import Contact, Organization
from .jobs import ImportJob
from .meetings import AgendaItem, Attendance, CalendarToken, Invitation, Meeting
from .membership import FocalPoint, Membership, SWGAppointment
from .minutes import ActionPoint, Minutes, MinutesItem
from .reviews import MembershipReview
from .structure import SWG, StructureChange, Subsector

__all__ = [
    "ActionPoint",
    "AgendaItem",
    "Attendance",
    "CalendarReply",
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
