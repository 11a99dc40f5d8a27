"""Reads for attendance: the sheet of a meeting and who came (DESIGN §4: the
government-participation and gender figures)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Attendance, Contact, Invitation, Meeting, Organization

# Attendance is part of the minutes: once they are circulated it is fixed.
ATTENDANCE_OPEN_STATUSES = (Meeting.Status.PLANNED, Meeting.Status.HELD)

# The sheet starts from the answers to the invitation; the secretariat corrects it.
RSVP_EXPECTED_STATUS = {
    Invitation.Rsvp.ACCEPTED: Attendance.Status.PRESENT,
    Invitation.Rsvp.DECLINED: Attendance.Status.ABSENT,
}


@dataclass
class SheetRow:
    contact: Contact
    invitation: Invitation | None
    attendance: Attendance | None

    @property
    def is_walk_in(self) -> bool:
        return self.invitation is None

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else ""

    @property
    def expected_status(self) -> str:
        """What the sheet offers before anything is recorded: the invitee's
        answer (accepted → present, declined → absent); nothing otherwise."""
        if self.attendance or self.invitation is None:
            return ""
        return RSVP_EXPECTED_STATUS.get(self.invitation.rsvp, "")

    @property
    def is_prefilled(self) -> bool:
        return bool(self.expected_status)


def attendance_sheet(*, meeting: Meeting) -> list[SheetRow]:
    """Every invitee, then every walk-in, with what has been recorded."""
    recorded = {
        a.contact_id: a
        for a in Attendance.objects.filter(meeting=meeting).select_related(
            "contact__organization", "organization"
        )
    }
    rows = []
    for invitation in meeting.invitations.select_related("contact__organization").order_by(
        "contact__name_en", "contact__name_ar"
    ):
        rows.append(
            SheetRow(invitation.contact, invitation, recorded.pop(invitation.contact_id, None))
        )
    for attendance in sorted(recorded.values(), key=lambda a: a.contact.name):
        rows.append(SheetRow(attendance.contact, None, attendance))
    return rows


@dataclass
class AttendanceFigures:
    """Who came to one meeting: the government-participation and gender
    figures of DESIGN §4 (LIBMITAF: "Number of participants: 11 (8 women, 3 men)")."""

    present: int = 0
    absent: int = 0
    excused: int = 0
    government_count: int = 0
    women: int = 0
    men: int = 0
    gender_not_stated: int = 0
    organizations: list[Organization] = field(default_factory=list)

    @property
    def recorded(self) -> int:
        return self.present + self.absent + self.excused

    @property
    def government_present(self) -> bool:
        return self.government_count > 0


def attendance_figures_for_meetings(*, meetings) -> dict[int, AttendanceFigures]:
    """Figures for many meetings in one query (``meetings``: queryset or ids)."""
    figures: dict[int, AttendanceFigures] = {}
    seen_orgs: dict[int, set[int]] = {}
    rows = (
        Attendance.objects.filter(meeting__in=meetings)
        .select_related("organization", "contact")
        .order_by("organization__name_en", "pk")
    )
    for a in rows:
        f = figures.setdefault(a.meeting_id, AttendanceFigures())
        if a.status == Attendance.Status.ABSENT:
            f.absent += 1
            continue
        if a.status == Attendance.Status.EXCUSED:
            f.excused += 1
            continue
        f.present += 1
        # The organization of the day, not the person's current one.
        if a.organization.org_type in Organization.GOVERNMENT_TYPES:
            f.government_count += 1
        if a.contact.gender == Contact.Gender.FEMALE:
            f.women += 1
        elif a.contact.gender == Contact.Gender.MALE:
            f.men += 1
        else:
            f.gender_not_stated += 1
        orgs = seen_orgs.setdefault(a.meeting_id, set())
        if a.organization_id not in orgs:
            orgs.add(a.organization_id)
            f.organizations.append(a.organization)
    return figures


def meeting_attendance_figures(*, meeting: Meeting) -> AttendanceFigures:
    return attendance_figures_for_meetings(meetings=[meeting.pk]).get(
        meeting.pk, AttendanceFigures()
    )


@dataclass
class ParticipantRow:
    """One line of the list of participants / sign-in sheet."""

    name: str
    organization: str
    title: str
    status: str
    is_ad_hoc: bool
    is_walk_in: bool


def participant_list(*, meeting: Meeting) -> list[ParticipantRow]:
    """Who was invited (then walk-ins), with the organization they represent
    (of the day once attendance is taken) and their attendance if taken. Names
    in the active language: render inside ``translation.override``."""
    rows = []
    for row in attendance_sheet(meeting=meeting):
        organization = row.attendance.organization if row.attendance else row.contact.organization
        rows.append(
            ParticipantRow(
                name=row.contact.name,
                organization=str(organization),
                title=row.contact.title,
                status=row.attendance.get_status_display() if row.attendance else "",
                is_ad_hoc=bool(row.invitation and row.invitation.is_ad_hoc),
                is_walk_in=row.is_walk_in,
            )
        )
    return rows
