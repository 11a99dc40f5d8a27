"""Admin pages for the shared infrastructure, and the read-only base the other
apps use for records that change only through a service (docs/architecture.md:
business rules live in services, so the admin shows such records but never
adds, edits or deletes them)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .models import Heartbeat, Notification, OutboxMessage

# A web address typed without a scheme is read as https, as in the portal's forms.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ReadOnlyAdminMixin:
    """No add, change or delete: a record changes only through its service."""

    formfield_overrides = HTTPS_URL_FIELDS

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HistoryAdmin(SimpleHistoryAdmin):
    """The record's history one click away, to read only. django-simple-history
    saves a posted past version even when revert is switched off; here a post is
    refused, since a change goes through the form or service that owns it."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyHistoryAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    pass


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    show_change_link = True


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "purpose", "recipient_email", "swg", "status", "attempts"]
    list_filter = ["status", "purpose", "language", "swg"]
    list_select_related = ["swg"]
    search_fields = ["recipient_email", "recipient_name", "subject", "object_key"]
    date_hierarchy = "created_at"


@admin.register(Heartbeat)
class HeartbeatAdmin(ReadOnlyAdmin):
    list_display = ["name", "seen_at"]
    search_fields = ["name"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "recipient", "delivery", "read_at", "emailed_at"]
    list_filter = ["kind", "delivery"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "object_key"]
    date_hierarchy = "created_at"
