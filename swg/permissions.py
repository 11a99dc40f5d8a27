"""The one answer to "may this user do X to this object" (DESIGN §1).

Every view, export and API asks :func:`can` / :func:`require`, and reads lists
through the ``visible_*`` scopes. An object outside a user's reach is a 404
(:func:`get_visible_or_404`); a visible object with a forbidden action is a 403.

Callers name an action by its :class:`Action` constant. Other apps add their
own actions with :func:`rule` so that there stays one module and one registry
of rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from coordination.models import Notification, OutboxMessage

from .models import (
    CIRCULATED_ACTION_POINTS,
    SWG,
    ActionPoint,
    Contact,
    Correspondence,
    Document,
    ImportJob,
    Meeting,
    Membership,
    Minutes,
    Organization,
    SWGAppointment,
    TorVersion,
)


class Action(StrEnum):
    """Every action this module answers for; each has one rule below."""

    SWG_VIEW = "swg.view"
    SWG_MANAGE = "swg.manage"
    SWG_CHAIR = "swg.chair"
    SWG_RESTRUCTURE = "swg.restructure"
    ORGANIZATION_CREATE = "organization.create"
    ORGANIZATION_CHANGE = "organization.change"
    CONTACT_VIEW = "contact.view"
    CONTACT_CREATE = "contact.create"
    CONTACT_CHANGE = "contact.change"
    CONTACT_IMPORT = "contact.import"
    FOCAL_POINT_CHANGE = "focalpoint.change"
    HISTORY_VIEW = "history.view"
    MEETING_VIEW = "meeting.view"
    MEETING_MANAGE = "meeting.manage"
    MINUTES_VIEW = "minutes.view"
    MINUTES_APPROVE = "minutes.approve"
    ACTION_POINT_UPDATE = "actionpoint.update"
    MEMBERSHIP_REVIEW = "membership.review"
    OUTBOX_VIEW = "outbox.view"
    HEALTH_DETAIL = "health.detail"
    DOCUMENT_VIEW = "document.view"
    DOCUMENT_UPLOAD = "document.upload"
    DOCUMENT_MANAGE = "document.manage"
    CORRESPONDENCE_VIEW = "correspondence.view"
    CORRESPONDENCE_MANAGE = "correspondence.manage"
    TOR_DRAFT = "tor.draft"
    TOR_REVIEW = "tor.review"
    TOR_ENDORSE = "tor.endorse"
    SCHEDULE_PREVIEW = "schedule.preview"
    SCHEDULE_SUBSCRIBE = "schedule.subscribe"
    NOTIFICATIONS_VIEW = "notifications.view"


RULES: dict[str, Callable[[Actor, object], bool]] = {}


def rule(action: Action | str):
    def register(fn):
        if action in RULES:
            raise ValueError(f"permission rule {action!r} is defined twice")
        RULES[action] = fn
        return fn

    return register


@dataclass
class Actor:
    """What one request's user is, computed once (two queries at most)."""

    user: User
    kind: str
    organization_id: int | None
    secretariat_swg_ids: frozenset[int] = field(default_factory=frozenset)
    chair_swg_ids: frozenset[int] = field(default_factory=frozenset)
    member_swg_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_admin(self):
        return self.kind == User.Kind.ADMIN or self.user.is_superuser

    @property
    def is_coordination(self):
        return self.kind == User.Kind.COORDINATION

    @property
    def is_government(self):
        return self.kind == User.Kind.GOVERNMENT

    @property
    def is_partner(self):
        return self.kind == User.Kind.PARTNER

    @property
    def sees_everything(self):
        return self.is_admin or self.is_coordination

    @property
    def managed_swg_ids(self):
        return self.secretariat_swg_ids | self.chair_swg_ids

    @property
    def is_ministry_staff(self):
        """Secretariat or chair of at least one SWG."""
        return self.is_government and bool(self.managed_swg_ids)


def actor_for(user) -> Actor | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    cached = getattr(user, "_swg_actor", None)
    if cached is not None:
        return cached
    secretariat, chair, member = set(), set(), set()
    if user.kind == User.Kind.GOVERNMENT:
        for swg_id, role in (
            SWGAppointment.objects.active().filter(user=user).values_list("swg_id", "role")
        ):
            (chair if role == SWGAppointment.Role.CHAIR else secretariat).add(swg_id)
    if user.organization_id:
        member = set(
            Membership.objects.active()
            .filter(organization_id=user.organization_id)
            .values_list("swg_id", flat=True)
        )
    actor = Actor(
        user=user,
        kind=User.Kind.ADMIN if user.is_superuser else user.kind,
        organization_id=user.organization_id,
        secretariat_swg_ids=frozenset(secretariat),
        chair_swg_ids=frozenset(chair),
        member_swg_ids=frozenset(member),
    )
    user._swg_actor = actor
    return actor


def can(user, action: Action | str, obj=None) -> bool:
    actor = actor_for(user)
    if actor is None:
        return False
    try:
        check = RULES[action]
    except KeyError:
        raise ValueError(f"unknown permission action {action!r}") from None
    return bool(check(actor, obj))


def require(user, action: Action | str, obj=None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied


def get_visible_or_404(user, queryset: QuerySet, **lookup):
    """The object, if it exists and lies within the user's reach, else 404."""
    scoped = scope(user, queryset)
    try:
        return scoped.get(**lookup)
    except scoped.model.DoesNotExist:
        raise Http404 from None


# ---------------------------------------------------------------- scopes (reads)

SCOPES: dict[type, Callable[[Actor, QuerySet], QuerySet]] = {}


def scope_for(model):
    def register(fn):
        SCOPES[model] = fn
        return fn

    return register


def scope(user, queryset: QuerySet) -> QuerySet:
    actor = actor_for(user)
    if actor is None:
        return queryset.none()
    return SCOPES[queryset.model](actor, queryset)


@scope_for(SWG)
def _swgs(actor: Actor, qs):
    if actor.sees_everything or actor.is_ministry_staff:
        return qs
    return qs.filter(pk__in=actor.member_swg_ids, is_active=True)


@scope_for(Organization)
def _organizations(actor: Actor, qs):
    # The directory of organizations is shared by everybody who signs in.
    return qs


@scope_for(Contact)
def _contacts(actor: Actor, qs):
    if actor.sees_everything or actor.is_ministry_staff:
        return qs
    # A partner sees their own organization's people and the people of the
    # SWGs their organization belongs to.
    # Two small subqueries over memberships rather than joins of every contact
    # to every membership of its organization (the list's count and page read
    # this twice).
    swg_ids = actor.member_swg_ids
    members = Membership.objects.filter(swg_id__in=swg_ids, contact__isnull=False)
    current_organizations = Membership.objects.filter(
        swg_id__in=swg_ids, end_date__isnull=True, organization__isnull=False
    )
    return qs.filter(
        Q(organization_id=actor.organization_id)
        | Q(pk__in=members.values("contact_id"))
        | Q(organization_id__in=current_organizations.values("organization_id"))
    )


@scope_for(Membership)
def _memberships(actor: Actor, qs):
    if actor.sees_everything or actor.is_ministry_staff:
        return qs
    return qs.filter(swg_id__in=actor.member_swg_ids)


@scope_for(Meeting)
def _meetings(actor: Actor, qs):
    if actor.sees_everything or actor.is_ministry_staff:
        return qs
    return qs.filter(swg_id__in=actor.member_swg_ids, swg__is_active=True)


@scope_for(ActionPoint)
def _action_points(actor: Actor, qs):
    if actor.sees_everything:
        return qs
    if not actor.is_ministry_staff:
        qs = qs.filter(swg_id__in=actor.member_swg_ids, swg__is_active=True)
    # Same rule as minutes.view (_reads_uncirculated_minutes): a point agreed in
    # minutes not yet circulated is draft content.
    return qs.filter(CIRCULATED_ACTION_POINTS | Q(swg_id__in=actor.managed_swg_ids))


@scope_for(OutboxMessage)
def _outbox(actor: Actor, qs):
    if actor.sees_everything:
        return qs
    if actor.is_ministry_staff:
        return qs.filter(swg_id__in=actor.managed_swg_ids)
    return qs.none()


@scope_for(Notification)
def _notifications(actor: Actor, qs):
    # A notification is its recipient's alone, whatever their role.
    return qs.filter(recipient_id=actor.user.pk)


@scope_for(ImportJob)
def _import_jobs(actor: Actor, qs):
    # An import and its uploaded file are their uploader's alone.
    return qs.filter(created_by_id=actor.user.pk)


@scope_for(Document)
def _documents(actor: Actor, qs):
    # DESIGN §3 "Document archive": visibility is secretariat only, members of
    # the group, or everybody who signs in. Ministry staff see every group
    # (the SWG scope), so they read any group's members' documents.
    if actor.sees_everything:
        return qs
    visible = Q(visibility=Document.Visibility.ALL) | Q(swg_id__in=actor.managed_swg_ids)
    if actor.is_ministry_staff:
        visible |= Q(visibility=Document.Visibility.MEMBERS)
    else:
        visible |= Q(
            visibility=Document.Visibility.MEMBERS,
            swg_id__in=actor.member_swg_ids,
            swg__is_active=True,
        )
    return qs.filter(visible)


@scope_for(Correspondence)
def _correspondence(actor: Actor, qs):
    return qs if _correspondence_view(actor, None) else qs.none()


@scope_for(TorVersion)
def _tor_versions(actor: Actor, qs):
    # Drafts and reviews are MoP's and the group's business (DESIGN §3 "Terms of
    # reference"): everybody else reads the endorsed version and those it replaced.
    if actor.sees_everything or actor.is_ministry_staff:
        return qs
    return qs.filter(
        Q(swg__isnull=True) | Q(swg_id__in=actor.member_swg_ids, swg__is_active=True),
        status__in=(TorVersion.Status.ENDORSED, TorVersion.Status.SUPERSEDED),
    )


def visible_swgs(user) -> QuerySet:
    return scope(user, SWG.objects.all())


def visible_contacts(user) -> QuerySet:
    return scope(user, Contact.objects.all())


# ---------------------------------------------------------------- rules (actions)


@rule(Action.SWG_VIEW)
def _swg_view(actor: Actor, swg: SWG):
    if actor.sees_everything or actor.is_ministry_staff:
        return True
    return swg.is_active and swg.pk in actor.member_swg_ids


@rule(Action.SWG_MANAGE)
def _swg_manage(actor: Actor, swg: SWG):
    """Members, memberships and the contact list of one SWG."""
    return actor.sees_everything or swg.pk in actor.managed_swg_ids


@rule(Action.SWG_CHAIR)
def _swg_chair(actor: Actor, swg: SWG):
    return actor.is_admin or swg.pk in actor.chair_swg_ids


@rule(Action.SWG_RESTRUCTURE)
def _swg_restructure(actor: Actor, obj):
    # DESIGN §1: the coordination team manages the structure (with MoP).
    return actor.sees_everything


@rule(Action.ORGANIZATION_CREATE)
def _organization_create(actor: Actor, obj):
    return actor.sees_everything or actor.is_ministry_staff


@rule(Action.ORGANIZATION_CHANGE)
def _organization_change(actor: Actor, org: Organization):
    if actor.sees_everything or actor.is_ministry_staff:
        return True
    return actor.is_partner and org.pk == actor.organization_id


@rule(Action.CONTACT_VIEW)
def _contact_view(actor: Actor, contact: Contact):
    if actor.sees_everything or actor.is_ministry_staff:
        return True
    return scope(actor.user, Contact.objects.filter(pk=contact.pk)).exists()


@rule(Action.CONTACT_CREATE)
def _contact_create(actor: Actor, obj):
    return actor.sees_everything or actor.is_ministry_staff or actor.is_partner


@rule(Action.CONTACT_CHANGE)
def _contact_change(actor: Actor, contact: Contact):
    if actor.sees_everything or actor.is_ministry_staff:
        return True
    return actor.is_partner and contact.organization_id == actor.organization_id


@rule(Action.CONTACT_IMPORT)
def _contact_import(actor: Actor, obj):
    return actor.sees_everything or actor.is_ministry_staff


@rule(Action.FOCAL_POINT_CHANGE)
def _focal_point_change(actor: Actor, org: Organization):
    return _organization_change(actor, org)


@rule(Action.HISTORY_VIEW)
def _history_view(actor: Actor, obj):
    return actor.sees_everything or actor.is_ministry_staff


# ---------------------------------------------------------------- meetings


@rule(Action.MEETING_VIEW)
def _meeting_view(actor: Actor, meeting: Meeting):
    return _swg_view(actor, meeting.swg)


@rule(Action.MEETING_MANAGE)
def _meeting_manage(actor: Actor, meeting_or_swg):
    """Plan, edit, invite, take attendance, draft and circulate minutes."""
    swg = meeting_or_swg.swg if isinstance(meeting_or_swg, Meeting) else meeting_or_swg
    return _swg_manage(actor, swg)


def _reads_uncirculated_minutes(actor: Actor, swg: SWG) -> bool:
    """Minutes, and the action points agreed in them, are draft content until
    circulated (DESIGN §3 "Meeting"; §1: nobody sees another group's drafts).
    Before that only the group's own secretariat and chair, the coordination
    team and administrators read them. The ActionPoint scope above applies the
    same rule to lists, so the minutes text and the pages never disagree."""
    return _swg_manage(actor, swg)


@rule(Action.MINUTES_VIEW)
def _minutes_view(actor: Actor, minutes):
    """Members read minutes once circulated; the secretariat and chair see drafts."""
    swg = minutes.meeting.swg
    if _reads_uncirculated_minutes(actor, swg):
        return True
    return minutes.status == Minutes.Status.CIRCULATED and _swg_view(actor, swg)


@rule(Action.MINUTES_APPROVE)
def _minutes_approve(actor: Actor, minutes):
    return _swg_chair(actor, minutes.meeting.swg)


@rule(Action.ACTION_POINT_UPDATE)
def _action_point_update(actor: Actor, action_point: ActionPoint):
    """The secretariat, or the owning organization's focal point, moves it on."""
    if _swg_manage(actor, action_point.swg):
        return True
    return actor.is_partner and action_point.owner_organization_id == actor.organization_id


@rule(Action.MEMBERSHIP_REVIEW)
def _membership_review(actor: Actor, swg: SWG):
    """Assessment Annex 1.1: the chair reassesses membership every year."""
    return _swg_chair(actor, swg)


@rule(Action.OUTBOX_VIEW)
def _outbox_view(actor: Actor, obj):
    return actor.sees_everything or actor.is_ministry_staff


@rule(Action.HEALTH_DETAIL)
def _health_detail(actor: Actor, obj):
    # What is down and since when: for the coordination team and administrators.
    return actor.sees_everything


# ---------------------------------------------------------------- archive


@rule(Action.DOCUMENT_VIEW)
def _document_view(actor: Actor, document: Document):
    return scope(actor.user, Document.objects.filter(pk=document.pk)).exists()


@rule(Action.DOCUMENT_UPLOAD)
def _document_upload(actor: Actor, obj):
    """May file documents in at least one group (the form offers only those)."""
    return actor.sees_everything or bool(actor.managed_swg_ids)


@rule(Action.DOCUMENT_MANAGE)
def _document_manage(actor: Actor, document_or_swg):
    """File, describe and add versions: the group's secretariat and chair, and
    the coordination team."""
    swg = document_or_swg.swg if isinstance(document_or_swg, Document) else document_or_swg
    return _swg_manage(actor, swg)


@rule(Action.CORRESPONDENCE_VIEW)
def _correspondence_view(actor: Actor, obj):
    """The register holds the ministry's official letters and Notes Verbales
    (LIBMITAF §5.1: they pass through the MFA): ministry staff and the
    coordination team keep and read it; partners do not see it."""
    return actor.sees_everything or actor.is_ministry_staff


@rule(Action.CORRESPONDENCE_MANAGE)
def _correspondence_manage(actor: Actor, obj):
    return actor.sees_everything or actor.is_ministry_staff


# ---------------------------------------------------------------- terms of reference
# DESIGN §3 "Terms of reference": the secretariat drafts, MoP reviews, the chair
# endorses. The secretariat are MoP-appointed staff (assessment Annex 1.1), so a
# secretariat appointment in any group is what makes a login "MoP" here; the
# generic TOR has no chair and is endorsed by the administrator on MoP's word.
# ``obj`` is the group, or None for the generic TOR.


@rule(Action.TOR_DRAFT)
def _tor_draft(actor: Actor, swg: SWG | None):
    if swg is None:
        return actor.sees_everything or bool(actor.secretariat_swg_ids)
    return _swg_manage(actor, swg)


@rule(Action.TOR_REVIEW)
def _tor_review(actor: Actor, swg: SWG | None):
    return actor.is_admin or (actor.is_government and bool(actor.secretariat_swg_ids))


@rule(Action.TOR_ENDORSE)
def _tor_endorse(actor: Actor, swg: SWG | None):
    if swg is None:
        return actor.is_admin
    return _swg_chair(actor, swg)


# ---------------------------------------------------------------- monthly schedule


@rule(Action.SCHEDULE_PREVIEW)
def _schedule_preview(actor: Actor, obj):
    """The secretariat previews the schedule email and sees who received it."""
    return actor.sees_everything or actor.is_ministry_staff


@rule(Action.NOTIFICATIONS_VIEW)
def _notifications_view(actor: Actor, obj):
    """Everyone signed in has a bell and chooses how notifications reach them."""
    return actor.user.is_authenticated


@rule(Action.SCHEDULE_SUBSCRIBE)
def _schedule_subscribe(actor: Actor, obj):
    """Partners follow groups they are not members of (assessment Annex 2c: the
    International Community "in case they are interested in participating")."""
    return actor.is_partner
