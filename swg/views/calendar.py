"""Calendars: month grid and list, across groups or per group, and the
iCalendar feeds (DESIGN §3 "Monthly schedule": each SWG has a calendar feed).

Everything shows only the meetings the user may see (``permissions.scope``).
The private feed address carries its own token because calendar programs
subscribe without a login; revoking it makes it answer 404.
"""

import datetime as dt
import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination.web import paginate, query_without

from .. import permissions, selectors, services
from ..exchange.ical import meetings_feed
from ..filters.meetings import MeetingFilter, MeetingMonthFilter
from ..models import SWG, CalendarToken, Meeting
from ..permissions import Action
from .common import swg_for


def _meetings_for(user):
    return permissions.scope(user, Meeting.objects.all())


def _month_of(request) -> tuple[int, int]:
    """``?month=2025-03``; this month (in Tripoli) when absent or malformed."""
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        dt.date(year, month, 1)
    except ValueError:
        today = timezone.localdate()
        return today.year, today.month
    return year, month


def _list_page(request, *, swg: SWG | None):
    meetings = _meetings_for(request.user)
    if swg is not None:
        meetings = meetings.filter(swg=swg)
    data = request.GET
    if not any(key in data for key in ("starts_after", "starts_before")):
        # Without dates the list starts today: the calendar looks ahead.
        data = data.copy()
        data["starts_after"] = timezone.localdate().isoformat()
    filterset = MeetingFilter(
        data,
        queryset=selectors.meetings.meeting_list(meetings=meetings),
        swgs=permissions.visible_swgs(request.user),
        fixed_swg=swg is not None,
    )
    return render(
        request,
        "swg/meetings/calendar_list.html",
        {
            "swg": swg,
            "filter": filterset,
            "page": paginate(request, filterset.qs),
            "query": query_without(request, "page"),
            "filter_query": query_without(request, "page", "starts_after", "starts_before"),
            "can_plan": swg is not None
            and permissions.can(request.user, Action.MEETING_MANAGE, swg),
        },
    )


def _month_page(request, *, swg: SWG | None):
    year, month = _month_of(request)
    meetings = _meetings_for(request.user)
    if swg is not None:
        meetings = meetings.filter(swg=swg)
    filterset = MeetingMonthFilter(
        request.GET,
        queryset=meetings,
        swgs=permissions.visible_swgs(request.user),
        fixed_swg=swg is not None,
    )
    grid = selectors.meetings.meeting_month_grid(year=year, month=month, meetings=filterset.qs)
    first = dt.date(year, month, 1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=31)).replace(day=1)
    return render(
        request,
        "swg/meetings/calendar_month.html",
        {
            "swg": swg,
            "filter": filterset,
            "first": first,
            "previous": previous.strftime("%Y-%m"),
            "following": following.strftime("%Y-%m"),
            "this_month": timezone.localdate().strftime("%Y-%m"),
            "weeks": grid.weeks,
            "meeting_count": grid.meeting_count,
            "list_url": reverse("swg:swg_meetings", args=[swg.slug])
            if swg is not None
            else reverse("swg:calendar_list"),
            "query": query_without(request, "month"),
            "filter_query": query_without(request, "month"),
            "can_plan": swg is not None
            and permissions.can(request.user, Action.MEETING_MANAGE, swg),
        },
    )


@login_required
def calendar_list(request):
    return _list_page(request, swg=None)


@login_required
def calendar_month(request):
    return _month_page(request, swg=None)


@login_required
def swg_meetings(request, slug):
    return _list_page(request, swg=swg_for(request, slug))


@login_required
def swg_meetings_month(request, slug):
    return _month_page(request, swg=swg_for(request, slug))


# ------------------------------------------------------------------ feeds


# A built feed is kept this long under its version; a change makes a new version.
FEED_CACHE_SECONDS = 24 * 3600


def _feed_response(request, *, user, meetings, key: str, name, filename: str) -> HttpResponse:
    """A calendar feed answered from its version (``calendar_feed_version``):
    a calendar program's hourly poll with the ETag or the date it got last
    answers 304 without building anything; otherwise the feed is built once
    per version and kept in the cache (docs/architecture.md "Long work")."""
    version = selectors.meetings.calendar_feed_version(meetings=meetings)
    language = translation.get_language()
    digest = hashlib.sha256(f"{key}|{user.pk}|{language}|{version.tag}".encode()).hexdigest()
    etag = f'"{digest[:32]}"'
    # Whole seconds, as the HTTP date a client sends back holds them.
    last_modified = int(version.last_changed.timestamp()) if version.last_changed else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        cache_key = f"calendar-feed:{digest}"
        content = cache.get(cache_key)
        if content is None:
            content = meetings_feed(
                meetings=selectors.meetings.calendar_feed_meetings(meetings=meetings),
                name=str(name),
            )
            cache.set(cache_key, content, FEED_CACHE_SECONDS)
        response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # Private to its user, and checked with the portal on every poll.
    patch_cache_control(response, private=True, no_cache=True, max_age=0)
    return response


@login_required
def swg_calendar_feed(request, slug):
    swg = swg_for(request, slug)
    return _feed_response(
        request,
        user=request.user,
        meetings=_meetings_for(request.user).filter(swg=swg),
        key=f"swg:{swg.pk}",
        name=_("%(swg)s — meetings") % {"swg": swg.name},
        filename=f"{swg.slug}.ics",
    )


def calendar_feed(request, token):
    """No login: calendar programs cannot sign in. The token stands for its
    user, and the feed holds exactly what that user may see today."""
    found = (
        CalendarToken.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if found is None:
        raise Http404
    user = found.user
    with translation.override(user.language):
        return _feed_response(
            request,
            user=user,
            meetings=_meetings_for(user),
            key=f"token:{found.pk}",
            name=_("SWG meetings"),
            filename="swg-meetings.ics",
        )


@login_required
def calendar_subscription(request):
    token = (
        CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    feed_url = None
    if token is not None:
        feed_url = request.build_absolute_uri(reverse("swg:calendar_feed", args=[token.token]))
    return render(
        request,
        "swg/meetings/calendar_subscription.html",
        {
            "token": token,
            "feed_url": feed_url,
            "webcal_url": feed_url.replace("https://", "webcal://").replace("http://", "webcal://")
            if feed_url
            else None,
        },
    )


@login_required
@require_POST
def calendar_token_create(request):
    services.calendar_feeds.calendar_token_create(user=request.user)
    messages.success(
        request, _("Your private calendar address is ready. Any earlier address no longer works.")
    )
    return redirect("swg:calendar_subscription")


@login_required
@require_POST
def calendar_token_revoke(request, pk):
    token = get_object_or_404(CalendarToken, pk=pk, user=request.user)
    services.calendar_feeds.calendar_token_revoke(token=token)
    messages.success(request, _("The address no longer works."))
    return redirect("swg:calendar_subscription")
