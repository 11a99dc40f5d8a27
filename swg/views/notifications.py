"""The bell's page: what moved to the user, newest first; opening the page
marks what it shows as read (coordination/notifications.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.services import user_notification_preference_set
from coordination import notifications
from coordination.forms import apply_errors
from coordination.models import Notification
from coordination.web import paginate

from .. import permissions
from ..forms.notifications import NotificationPreferenceForm
from ..permissions import Action


@login_required
def notification_list(request):
    permissions.require(request.user, Action.NOTIFICATIONS_VIEW)
    rows = permissions.scope(request.user, Notification.objects.all())
    page = paginate(request, rows.order_by("-created_at", "-pk"))
    for notification in page:
        notification.text = notifications.notification_text(notification)
        notification.label = notifications.notification_label(notification)
        notification.is_new = notification.read_at is None
    # What the page shows is read from now on (one UPDATE, whatever is unread).
    shown = [notification.pk for notification in page]
    if shown:
        notifications.notifications_mark_read(user=request.user, ids=shown)
    # The bell is counted when the page renders, after this: it shows the rest.
    return render(request, "swg/notifications/list.html", {"page": page})


@login_required
def notification_open(request, pk: int):
    """Follow a notification to its page; it is read from now on."""
    notification = permissions.get_visible_or_404(request.user, Notification.objects.all(), pk=pk)
    notifications.notifications_mark_read(user=request.user, ids=[notification.pk])
    # Only a path inside the portal, as the apps stored it.
    target = notification.url if notification.url.startswith("/") else "/"
    if target.startswith("//"):
        target = "/"
    return redirect(target)


@login_required
@require_POST
def notification_read_all(request):
    permissions.require(request.user, Action.NOTIFICATIONS_VIEW)
    notifications.notifications_mark_read(user=request.user)
    messages.success(request, _("Every notification is marked read."))
    return redirect("swg:notification_list")


@login_required
def notification_settings(request):
    permissions.require(request.user, Action.NOTIFICATIONS_VIEW)
    user = request.user
    form = NotificationPreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"notification_email": user.notification_email},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user_notification_preference_set(
                user=user, value=form.cleaned_data["notification_email"], by=user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("swg:notification_settings")
    status = 400 if request.method == "POST" else 200
    return render(request, "swg/notifications/settings.html", {"form": form}, status=status)
