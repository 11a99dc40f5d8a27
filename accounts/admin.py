from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from coordination.admin import HistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(HistoryAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "kind", "organization", "language", "is_active"]
    list_filter = ["kind", "is_active", "language"]
    list_select_related = ["organization"]
    search_fields = ["email", "full_name"]
    autocomplete_fields = ["organization"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "language"]}),
        (_("Role"), {"fields": ["kind", "organization", "is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"fields": ["email", "full_name", "kind", "organization", "password1", "password2"]},
        ),
    ]
