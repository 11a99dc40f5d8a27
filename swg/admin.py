from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    SWG,
    Contact,
    FocalPoint,
    ImportJob,
    Membership,
    Organization,
    StructureChange,
    Subsector,
    SWGAppointment,
)


class SubsectorInline(admin.TabularInline):
    model = Subsector
    extra = 0


@admin.register(SWG)
class SWGAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "name_ar", "lead", "is_active"]
    list_filter = ["lead", "is_active"]
    search_fields = ["name_en", "name_ar"]
    inlines = [SubsectorInline]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "acronym", "org_type", "parent"]
    list_filter = ["org_type"]
    search_fields = ["name_en", "name_ar", "acronym"]


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["name_en", "name_ar", "organization", "email", "is_active"]
    search_fields = ["name_en", "name_ar", "email"]
    list_filter = ["gender", "is_active"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["swg", "organization", "contact", "role", "start_date", "end_date"]
    list_filter = ["swg", "role"]


@admin.register(FocalPoint)
class FocalPointAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "contact", "purpose", "appointed_on", "ended_on", "is_interim"]


@admin.register(SWGAppointment)
class SWGAppointmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "swg", "role", "start_date", "end_date"]
    list_filter = ["swg", "role"]


admin.site.register(StructureChange)
admin.site.register(ImportJob)
