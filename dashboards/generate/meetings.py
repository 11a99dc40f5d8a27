"""Ten years of meetings per group, with what the services leave behind
(swg/services/meetings.py, invitations.py, attendance.py, minutes.py,
action_points.py): invitations go to the people of the group's members on the
day (plus a few ad-hoc invitees), each sent invitation is a sent message in the
outbox, held meetings have attendance, formal ones minutes; circulated minutes
were submitted, approved by the chair and sent to the invited members; action
points come from minutes items and are closed with a date."""

from __future__ import annotations

import datetime as dt

from coordination.models import OutboxMessage
from swg.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Contact,
    Invitation,
    Meeting,
    Minutes,
    MinutesItem,
)
from swg.services.invitations import PURPOSE_INVITATION
from swg.services.minutes import CIRCULATED_PURPOSE

from .base import Run, weighted

M, S, A = Meeting, Meeting.Status, ActionPoint.Status

# fmt: off
TOPICS = [("Sector work plan review", "مراجعة خطة عمل القطاع"),
          ("Mapping of partners' projects", "حصر مشاريع الشركاء"),
          ("Needs assessment findings", "نتائج تقييم الاحتياجات"),
          ("Capacity building for the ministry", "بناء قدرات الوزارة"),
          ("Coordination with the municipalities", "التنسيق مع البلديات"),
          ("Quarterly progress of the projects", "التقدم الفصلي للمشاريع"),
          ("Data sharing and monitoring", "تبادل البيانات والمتابعة"),
          ("Gaps and duplication in the south", "الفجوات والازدواجية في الجنوب"),
          ("National strategy consultation", "التشاور حول الاستراتيجية الوطنية"),
          ("Any other business", "ما يستجد من أعمال")]
OPENING = ("Opening and adoption of the agenda", "الافتتاح واعتماد جدول الأعمال")
ACTIONS = [("Share the updated project list with the secretariat", "مشاركة قائمة المشاريع المحدثة مع الأمانة"),
           ("Circulate the assessment report to the members", "تعميم تقرير التقييم على الأعضاء"),
           ("Propose dates for the joint field visit", "اقتراح مواعيد الزيارة الميدانية المشتركة"),
           ("Send comments on the draft strategy", "إرسال الملاحظات على مسودة الاستراتيجية"),
           ("Nominate a focal point for the task force", "ترشيح نقطة اتصال لفريق العمل")]
VENUES = [("Ministry of Planning, conference room", "وزارة التخطيط، قاعة المؤتمرات"),
          ("Line ministry, meeting room", "الوزارة المختصة، قاعة الاجتماعات"),
          ("UN offices, Les Berges du Lac", "مكاتب الأمم المتحدة، ضفاف البحيرة")]
# fmt: on

SENT = OutboxMessage.Status.SENT


def build_meetings(run: Run) -> None:
    per_group = run.plan.n(6000) // len(run.swgs) or 1
    first = run.today - dt.timedelta(days=3653)
    last = run.today + dt.timedelta(days=60)
    span = (last - first).days
    contacts = {}
    for people in run.contacts_of.values():
        contacts.update((c.pk, c) for c in people)
    everyone = list(contacts.values())
    for swg in run.swgs:
        days = sorted(first + dt.timedelta(days=run.rng.randrange(span)) for _ in range(per_group))
        # One chunk per year keeps memory flat at L.
        for year in sorted({d.year for d in days}):
            chunk = [d for d in days if d.year == year]
            _meetings_of_year(run, swg, chunk, contacts, everyone)


def _meetings_of_year(run: Run, swg, days, contacts, everyone) -> None:
    rng, today = run.rng, run.today
    secretariat = run.secretariat_of[swg.pk].pk
    chair = run.chair_user_of[swg.pk].pk
    now = run.moment(today, 9)
    members = run.memberships[swg.pk]
    with run.group("meetings"):
        meetings = []
        for day in days:
            while day.weekday() in (4, 5):  # Friday and Saturday are the weekend in Libya
                day += dt.timedelta(days=1)
            starts = run.moment(day, rng.choice((9, 10, 11, 13)))
            kind = weighted(
                rng,
                [
                    (M.Kind.SWG, 0.7),
                    (M.Kind.WORKSHOP, 0.1),
                    (M.Kind.CONSULTATION, 0.1),
                    (M.Kind.BILATERAL, 0.05),
                    (M.Kind.POLICY, 0.05),
                ],
            )
            city = weighted(
                rng,
                [
                    (M.City.TRIPOLI, 0.6),
                    (M.City.TUNIS, 0.15),
                    (M.City.ONLINE, 0.2),
                    (M.City.OTHER, 0.05),
                ],
            )
            venue_en, venue_ar = ("", "") if city == M.City.ONLINE else rng.choice(VENUES)
            topic_en, topic_ar = rng.choice(TOPICS[:-1])
            if starts > now:
                status = S.PLANNED
            else:
                status = weighted(rng, [(S.HELD, 0.93), (S.CANCELLED, 0.04), (S.POSTPONED, 0.03)])
            meetings.append(
                Meeting(
                    swg_id=swg.pk,
                    kind=kind,
                    is_formal=rng.random() < 0.85,
                    title_en=f"{swg.name_en}: {topic_en}",
                    title_ar=f"{swg.name_ar}: {topic_ar}",
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=2),
                    city=city,
                    city_other="Benghazi" if city == M.City.OTHER else "",
                    venue_en=venue_en,
                    venue_ar=venue_ar,
                    online_url="https://meet.example.org/swg" if city == M.City.ONLINE else "",
                    status=status,
                    status_reason=""
                    if status in (S.HELD, S.PLANNED)
                    else "Postponed at the chair's request"
                    if status == S.POSTPONED
                    else "Security situation",
                    uid=run.uuid(),
                    created_by_id=secretariat,
                    created_at=starts - dt.timedelta(days=21),
                )
            )
        for meeting in meetings:
            sent = meeting.starts_at - dt.timedelta(days=14)
            held = meeting.status == S.HELD
            if (held or meeting.status == S.PLANNED) and sent <= now:
                meeting.invitations_sent_at = sent
            if held and meeting.is_formal:
                # Circulated after the chair's approval, about ten days after the meeting.
                circulated = meeting.starts_at + dt.timedelta(days=10)
                meeting.status = S.CIRCULATED if circulated <= now else S.HELD
        run.save(Meeting, meetings)
        run.history(
            Meeting,
            meetings,
            lambda o: o.created_at,
            lambda o: secretariat,
            status=S.PLANNED,
            status_reason="",
            invitations_sent_at=None,
        )
        changed = [m for m in meetings if m.status != S.PLANNED]
        run.history(Meeting, changed, lambda o: o.ends_at, lambda o: secretariat, "~")
        run.meetings_of.setdefault(swg.pk, []).extend(m.pk for m in meetings)

    with run.group("agendas and invitations"):
        agenda = []
        for meeting in meetings:
            agenda.append(
                AgendaItem(meeting_id=meeting.pk, order=1, title_en=OPENING[0], title_ar=OPENING[1])
            )
            for order, (en, ar) in enumerate(rng.sample(TOPICS, 2), start=2):
                agenda.append(
                    AgendaItem(meeting_id=meeting.pk, order=order, title_en=en, title_ar=ar)
                )
        run.save(AgendaItem, agenda)
        meetings_by_pk = {m.pk: m for m in meetings}
        by_meeting = {}
        for item in agenda:
            by_meeting.setdefault(item.meeting_id, []).append(item)
        run.history(
            AgendaItem,
            agenda,
            lambda o: meetings_by_pk[o.meeting_id].created_at,
            lambda o: secretariat,
        )
        invitations, invited_members = [], {}
        for meeting in meetings:
            if meeting.invitations_sent_at is None:
                continue
            day = meeting.starts_at.date()
            active = [
                m
                for m in members
                if m.start_date <= day and (m.end_date is None or m.end_date >= day)
            ]
            chosen = rng.sample(active, min(len(active), max(3, round(rng.gauss(17, 3)))))
            seen = set()
            for membership in chosen:
                if membership.contact_id in seen:
                    continue
                seen.add(membership.contact_id)
                invitations.append(
                    Invitation(
                        meeting_id=meeting.pk,
                        contact_id=membership.contact_id,
                        created_at=meeting.created_at,
                    )
                )
            invited_members[meeting.pk] = list(seen)
            if rng.random() < 0.3:
                guest = rng.choice(everyone)
                if guest.pk not in seen:
                    invitations.append(
                        Invitation(
                            meeting_id=meeting.pk,
                            contact_id=guest.pk,
                            is_ad_hoc=True,
                            created_at=meeting.created_at,
                        )
                    )
        for invitation in invitations:
            sent = meetings_by_pk[invitation.meeting_id].invitations_sent_at
            answer = weighted(
                rng, [("accepted", 0.6), ("tentative", 0.1), ("declined", 0.1), ("", 0.2)]
            )
            if answer and sent + dt.timedelta(days=5) <= now:
                invitation.rsvp, invitation.rsvp_source = answer, Invitation.RsvpSource.LINK
                invitation.rsvp_at = sent + dt.timedelta(
                    days=rng.randrange(1, 5), hours=rng.randrange(8)
                )
        run.save(Invitation, invitations)
        run.history(
            Invitation,
            invitations,
            lambda o: o.created_at,
            lambda o: secretariat,
            rsvp="",
            rsvp_at=None,
            rsvp_source="",
        )
        # An answer through the signed link is recorded without a signed-in user.
        answered = [i for i in invitations if i.rsvp]
        run.history(Invitation, answered, lambda o: o.rsvp_at, lambda o: None, "~")

    with run.group("attendance"):
        attendance = []
        invited = {}
        for invitation in invitations:
            invited.setdefault(invitation.meeting_id, []).append(invitation)
        for meeting in meetings:
            if meeting.status not in (S.HELD, S.CIRCULATED):
                continue
            rows = invited.get(meeting.pk, [])
            for index, invitation in enumerate(rows):
                chance = {"accepted": 0.92, "tentative": 0.6, "declined": 0.05}.get(
                    invitation.rsvp, 0.5
                )
                status = (
                    "present"
                    if index == 0 or rng.random() < chance
                    else rng.choice(("absent", "excused"))
                )
                attendance.append(
                    Attendance(
                        meeting_id=meeting.pk,
                        contact_id=invitation.contact_id,
                        organization_id=contacts[invitation.contact_id].organization_id,
                        status=status,
                    )
                )
            if rng.random() < 0.3 or not rows:
                walk_in = rng.choice(everyone)
                if walk_in.pk not in {i.contact_id for i in rows}:
                    attendance.append(
                        Attendance(
                            meeting_id=meeting.pk,
                            contact_id=walk_in.pk,
                            is_walk_in=True,
                            organization_id=walk_in.organization_id,
                            status="present",
                        )
                    )
        run.save(Attendance, attendance)
        run.history(
            Attendance,
            attendance,
            lambda o: meetings_by_pk[o.meeting_id].ends_at,
            lambda o: secretariat,
        )

    with run.group("minutes and action points"):
        minutes = []
        for meeting in meetings:
            if meeting.status not in (S.HELD, S.CIRCULATED) or not meeting.is_formal:
                continue
            held = meeting.ends_at
            status = Minutes.Status.CIRCULATED
            if meeting.status == S.HELD:
                status = weighted(rng, [("draft", 0.3), ("submitted", 0.4), ("approved", 0.3)])
            language = "ar" if rng.random() < 0.4 else "en"
            record = Minutes(
                meeting_id=meeting.pk,
                status=status,
                language=language,
                summary=f"The group reviewed {len(by_meeting[meeting.pk]) - 1} items.",
                attendance_text="",
                created_by_id=secretariat,
                created_at=held + dt.timedelta(days=1),
            )
            if status != "draft":
                record.submitted_at = held + dt.timedelta(days=3)
            if status in ("approved", "circulated"):
                record.approved_by_id, record.approved_at = chair, held + dt.timedelta(days=7)
            if status == "circulated":
                record.circulated_at = held + dt.timedelta(days=10)
            minutes.append(record)
        run.save(Minutes, minutes)
        _minutes_history(run, minutes, secretariat, chair)
        items = []
        for record in minutes:
            for agenda_item in by_meeting[record.meeting_id]:
                items.append(
                    MinutesItem(
                        minutes_id=record.pk,
                        agenda_item_id=agenda_item.pk,
                        order=agenda_item.order,
                        title=agenda_item.title_ar
                        if record.language == "ar"
                        else agenda_item.title_en,
                        discussion="Members shared their progress and the gaps they see.",
                        decisions="The secretariat will follow up with the members concerned.",
                    )
                )
        run.save(MinutesItem, items)
        minutes_by_pk = {m.pk: m for m in minutes}
        run.history(
            MinutesItem,
            items,
            lambda o: minutes_by_pk[o.minutes_id].created_at,
            lambda o: secretariat,
        )
        points = []
        for item in items:
            if item.order == 1 or rng.random() < 0.1:
                continue
            record = minutes_by_pk[item.minutes_id]
            meeting = meetings_by_pk[record.meeting_id]
            owners = invited_members.get(meeting.pk) or [rng.choice(everyone).pk]
            for _ in range(rng.choice((1, 2, 3, 3))):
                owner = contacts[rng.choice(owners)]
                due = meeting.starts_at.date() + dt.timedelta(days=rng.randrange(30, 120))
                if due < today - dt.timedelta(days=30):
                    status = weighted(
                        rng,
                        [(A.DONE, 0.77), (A.DROPPED, 0.1), (A.IN_PROGRESS, 0.08), (A.OPEN, 0.05)],
                    )
                else:
                    status = weighted(rng, [(A.OPEN, 0.55), (A.IN_PROGRESS, 0.35), (A.DONE, 0.1)])
                closed = None
                if status in (A.DONE, A.DROPPED):
                    closed = min(due + dt.timedelta(days=rng.randrange(-20, 20)), today)
                    closed = max(closed, meeting.starts_at.date())
                en, ar = rng.choice(ACTIONS)
                points.append(
                    ActionPoint(
                        swg_id=swg.pk,
                        source_meeting_id=meeting.pk,
                        minutes_item_id=item.pk,
                        description_en=en,
                        description_ar=ar,
                        owner_organization_id=owner.organization_id,
                        owner_contact_id=owner.pk,
                        due_date=due,
                        status=status,
                        closed_on=closed,
                    )
                )
        run.save(ActionPoint, points)
        run.history(
            ActionPoint,
            points,
            lambda o: meetings_by_pk[o.source_meeting_id].ends_at,
            lambda o: secretariat,
            status=A.OPEN,
            closed_on=None,
        )
        closed = [p for p in points if p.closed_on]
        run.history(
            ActionPoint, closed, lambda o: run.moment(o.closed_on, 12), lambda o: secretariat, "~"
        )

    with run.group("outbox"):
        messages = []
        for invitation in invitations:
            meeting = meetings_by_pk[invitation.meeting_id]
            messages.append(
                _message(
                    run,
                    contacts[invitation.contact_id],
                    swg,
                    PURPOSE_INVITATION,
                    f"meeting:{meeting.pk}:seq0",
                    meeting.invitations_sent_at,
                    f"Invitation: {meeting.title_en}",
                    f"دعوة: {meeting.title_ar}",
                )
            )
        for record in minutes:
            if record.status != Minutes.Status.CIRCULATED:
                continue
            meeting = meetings_by_pk[record.meeting_id]
            for contact_id in invited_members.get(meeting.pk, []):
                messages.append(
                    _message(
                        run,
                        contacts[contact_id],
                        swg,
                        CIRCULATED_PURPOSE,
                        f"minutes:{record.pk}",
                        record.circulated_at,
                        f"Minutes: {meeting.title_en}",
                        f"المحضر: {meeting.title_ar}",
                    )
                )
        run.save(OutboxMessage, messages)


# The steps of minutes (swg/services/minutes.py): the status, when it was taken,
# by whom, and the fields it sets, which the steps before it leave empty.
MINUTES_STEPS = [
    (Minutes.Status.DRAFT, "created_at", "secretariat", ()),
    (Minutes.Status.SUBMITTED, "submitted_at", "secretariat", ("submitted_at",)),
    (Minutes.Status.APPROVED, "approved_at", "chair", ("approved_by_id", "approved_at")),
    (Minutes.Status.CIRCULATED, "circulated_at", "secretariat", ("circulated_at",)),
]


def _minutes_history(run: Run, minutes: list, secretariat: int, chair: int) -> None:
    """One history row per step, as minutes_submit, minutes_approve and
    minutes_circulate save them."""
    users = {"secretariat": secretariat, "chair": chair}
    for index, (status, at, user, _sets) in enumerate(MINUTES_STEPS):
        later = [name for *_step, sets in MINUTES_STEPS[index + 1 :] for name in sets]
        reached = minutes if index == 0 else [m for m in minutes if getattr(m, at)]
        run.history(
            Minutes,
            reached,
            lambda o, at=at: getattr(o, at),
            lambda o, user_id=users[user]: user_id,
            "+" if index == 0 else "~",
            status=status,
            **dict.fromkeys(later),
        )


def _message(
    run: Run, contact: Contact, swg, purpose, key, at, subject_en, subject_ar
) -> OutboxMessage:
    arabic = contact.preferred_language == "ar"
    name = (contact.name_ar or contact.name_en) if arabic else (contact.name_en or contact.name_ar)
    subject = subject_ar if arabic else subject_en
    return OutboxMessage(
        purpose=purpose,
        object_key=key,
        recipient_email=contact.email.lower(),
        recipient_name=name,
        language=contact.preferred_language,
        swg_id=swg.pk,
        subject=subject[:255],
        body_text=f"{name},\n\n{subject}\n\n{swg.name_ar if arabic else swg.name_en}\n",
        status=SENT,
        attempts=1,
        created_at=at,
        dispatched_at=at,
        claimed_at=at + dt.timedelta(seconds=2),
        sent_at=at + dt.timedelta(seconds=3),
    )
