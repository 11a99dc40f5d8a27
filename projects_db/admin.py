"""Reference data is edited here; projects and updates only through the portal's
pages and services (publishing runs the quality check, updates are reviewed),
so the admin shows them read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    District,
    DuplicatePair,
    ExchangeRate,
    IndicatorValue,
    NationalPriority,
    Project,
    ProjectBudget,
    ProjectParticipant,
    QuarterlyUpdate,
    QuarterSetting,
    Transaction,
)


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ar"]
    search_fields = ["code", "name_en", "name_ar"]


@admin.register(NationalPriority)
class NationalPriorityAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "name_ar", "required_funding_usd", "order", "is_active"]
    list_editable = ["required_funding_usd", "order"]
    search_fields = ["code", "name_en", "name_ar"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(SimpleHistoryAdmin):
    list_display = ["currency", "year", "rate_to_usd", "source"]
    list_filter = ["currency"]


@admin.register(QuarterSetting)
class QuarterSettingAdmin(admin.ModelAdmin):
    list_display = ["year", "quarter", "deadline"]


class ParticipantInline(ReadOnlyMixin, admin.TabularInline):
    model = ProjectParticipant
    extra = 0


class BudgetInline(ReadOnlyMixin, admin.TabularInline):
    model = ProjectBudget
    extra = 0


class TransactionInline(ReadOnlyMixin, admin.TabularInline):
    model = Transaction
    extra = 0


@admin.register(Project)
class ProjectAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["title_en", "owner", "swg", "status", "state", "planned_start", "planned_end"]
    list_filter = ["state", "status", "swg"]
    search_fields = ["title_en", "title_ar", "iati_identifier"]
    inlines = [ParticipantInline, BudgetInline, TransactionInline]


class IndicatorValueInline(ReadOnlyMixin, admin.TabularInline):
    model = IndicatorValue
    extra = 0


@admin.register(QuarterlyUpdate)
class QuarterlyUpdateAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["project", "year", "quarter", "state", "submitted_at", "reviewed_at"]
    list_filter = ["state", "year", "quarter"]
    inlines = [IndicatorValueInline]


@admin.register(DuplicatePair)
class DuplicatePairAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["project_a", "project_b", "similarity", "decision", "decided_at"]
    list_filter = ["decision"]
