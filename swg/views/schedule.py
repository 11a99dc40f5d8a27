"""The monthly schedule's pages (DESIGN §3 "Monthly schedule"; assessment
Annex 2c): receiving it and following other groups, the signed unsubscribe
link of the email, and the secretariat's preview with who received it."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from coordination.forms import apply_errors
from coordination.web import paginate, query_without

from .. import permissions, selectors, services
from ..forms.schedule import SchedulePreviewForm, ScheduleReceiveForm, ScheduleSubscriptionForm
from ..models import ScheduleOptOut
from ..permissions import Action
from ..services.schedule import TRIPOLI


@login_required
def schedule_subscriptions(request):
    """The profile's part about the schedule: receive it or not and, for a
    partner, the groups they follow without being members."""
    user = request.user
    posted = request.POST.get("form") if request.method == "POST" else None
    receiving = selectors.schedule.schedule_is_received(email=user.email)
    receive_form = ScheduleReceiveForm(
        request.POST if posted == "receive" else None, initial={"receive": receiving}
    )
    can_subscribe = permissions.can(user, Action.SCHEDULE_SUBSCRIBE)
    groups_form = None
    if can_subscribe:
        groups_form = ScheduleSubscriptionForm(
            request.POST if posted == "groups" else None,
            choices=selectors.schedule.schedule_subscription_choices(user=user),
            initial={"swgs": selectors.schedule.schedule_subscribed_swgs(user=user)},
        )
    if posted == "receive" and receive_form.is_valid():
        if receive_form.cleaned_data["receive"]:
            services.schedule.schedule_opt_in(email=user.email, by=user)
            messages.success(request, _("You will receive the monthly schedule."))
        else:
            services.schedule.schedule_opt_out(
                email=user.email, source=ScheduleOptOut.Source.PROFILE, by=user
            )
            messages.success(request, _("You will no longer receive the monthly schedule."))
        return redirect("swg:schedule_subscriptions")
    if posted == "groups":
        permissions.require(user, Action.SCHEDULE_SUBSCRIBE)
        if groups_form.is_valid():
            try:
                services.schedule.schedule_subscriptions_set(
                    user=user, swgs=list(groups_form.cleaned_data["swgs"]), by=user
                )
            except ValidationError as error:
                apply_errors(groups_form, error)
            else:
                messages.success(request, _("Your groups are saved."))
                return redirect("swg:schedule_subscriptions")
    return render(
        request,
        "swg/schedule/subscriptions.html",
        {
            "receive_form": receive_form,
            "groups_form": groups_form,
            "receiving": receiving,
            "can_preview": permissions.can(user, Action.SCHEDULE_PREVIEW),
        },
        status=400 if receive_form.errors or (groups_form and groups_form.errors) else 200,
    )


# RFC 8058: the mail program's one-click unsubscribe is a POST without cookies,
# so without a CSRF token. The signed token is the authority, and the only
# thing it can do is stop one address's schedule.
@csrf_exempt
def schedule_unsubscribe(request, token):
    """The link in the schedule email: no login. Opening it shows a button
    (mail scanners open every link); the button's POST, or the mail program's
    one-click POST, unsubscribes."""
    email = services.schedule.schedule_unsubscribe_email(token)
    if email is None:
        raise Http404
    done = False
    if request.method == "POST":
        services.schedule.schedule_opt_out(email=email, source=ScheduleOptOut.Source.LINK)
        done = True
    response = render(
        request,
        "swg/schedule/unsubscribe.html",
        {"email": email, "done": done or not selectors.schedule.schedule_is_received(email=email)},
    )
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@login_required
def schedule_preview(request):
    """The month's email as a member receives it, and who received it."""
    permissions.require(request.user, Action.SCHEDULE_PREVIEW)
    today = timezone.localdate(timezone=TRIPOLI)
    language = request.user.language or "en"
    form = SchedulePreviewForm(
        request.GET or None,
        initial={"month": today.strftime("%Y-%m"), "language": language},
    )
    year, month = today.year, today.month
    if form.is_valid():
        (year, month) = form.year_month()
        language = form.cleaned_data["language"] or language
    preview = services.schedule.monthly_schedule_preview(year=year, month=month, language=language)
    return render(
        request,
        "swg/schedule/preview.html",
        {
            "form": form,
            "month_start": dt.date(year, month, 1),
            "first_working_day": selectors.schedule.first_working_day(year, month),
            "preview": preview,
            "sent": paginate(
                request, selectors.schedule.monthly_schedule_sent(year=year, month=month)
            ),
            "query": query_without(request, "page"),
        },
        status=400 if form.errors else 200,
    )
