from .calendar_replies import CalendarReply
from .correspondence import Correspondence
from .directory import Contact, Organization
from .documents import Document, DocumentVersion
from .jobs import ImportJob
from .meetings import AgendaItem, Attendance, CalendarToken, Invitation, Meeting
from .membership import FocalPoint, Membership, SWGAppointment
from .minutes import CIRCULATED_ACTION_POINTS, ActionPoint, Minutes, MinutesItem
from .reviews import MembershipReview
from .schedule import PublicHoliday, ScheduleOptOut, ScheduleSubscription
from .structure import SWG, StructureChange, Subsector
from .tors import TorVersion

__all__ = [
    "CIRCULATED_ACTION_POINTS",
    "ActionPoint",
    "AgendaItem",
    "Attendance",
    "CalendarReply",
    "CalendarToken",
    "Contact",
    "Correspondence",
    "Document",
    "DocumentVersion",
    "FocalPoint",
    "ImportJob",
    "Invitation",
    "Meeting",
    "Membership",
    "MembershipReview",
    "Minutes",
    "MinutesItem",
    "Organization",
    "PublicHoliday",
    "SWG",
    "SWGAppointment",
    "ScheduleOptOut",
    "ScheduleSubscription",
    "StructureChange",
    "Subsector",
    "TorVersion",
]
