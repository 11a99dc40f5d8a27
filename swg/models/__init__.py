from .bilingual import BilingualName, pick_language
from .directory import Contact, Organization
from .jobs import ImportJob
from .meetings import (
    ActionPoint,
    AgendaItem,
    Attendance,
    CalendarToken,
    Invitation,
    Meeting,
    MembershipReview,
    Minutes,
    MinutesItem,
)
from .membership import FocalPoint, Membership, SWGAppointment
from .structure import SWG, StructureChange, Subsector

__all__ = [
    "ActionPoint",
    "AgendaItem",
    "Attendance",
    "CalendarToken",
    "Invitation",
    "Meeting",
    "MembershipReview",
    "Minutes",
    "MinutesItem",
    "SWG",
    "BilingualName",
    "Contact",
    "FocalPoint",
    "ImportJob",
    "Membership",
    "Organization",
    "SWGAppointment",
    "StructureChange",
    "Subsector",
    "pick_language",
]
