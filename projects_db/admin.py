"""Reference data is edited here; projects, updates and duplication decisions
change only through the portal's pages and services (publishing runs the
quality check, updates are reviewed), so the admin shows them read-only."""

from django.contrib import admin

from coordination.admin import HistoryAdmin, ReadOnlyAdmin, ReadOnlyHistoryAdmin, ReadOnlyInline

from .models import (
    District,
    DuplicatePair,
    ExchangeRate,
    Indicator,
    IndicatorValue,
    NationalPriority,
    Project,
    ProjectBudget,
    ProjectParticipant,
    QuarterlyUpdate,
    QuarterSetting,
    Transaction,
)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ar"]
    search_fields = ["code", "name_en", "name_ar"]


@admin.register(NationalPriority)
class NationalPriorityAdmin(HistoryAdmin):
    list_display = ["code", "name_en", "name_ar", "required_funding_usd", "order", "is_active"]
    list_editable = ["required_funding_usd", "order"]
    search_fields = ["code", "name_en", "name_ar"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(HistoryAdmin):
    list_display = ["currency", "year", "rate_to_usd", "source"]
    list_filter = ["currency"]


@admin.register(QuarterSetting)
class QuarterSettingAdmin(HistoryAdmin):
    list_display = ["year", "quarter", "deadline"]


class ParticipantInline(ReadOnlyInline):
    model = ProjectParticipant


class BudgetInline(ReadOnlyInline):
    model = ProjectBudget


class TransactionInline(ReadOnlyInline):
    model = Transaction


@admin.register(Project)
class ProjectAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title_en", "owner", "swg", "status", "state", "planned_start", "planned_end"]
    list_filter = ["state", "status", "swg"]
    list_select_related = ["owner", "swg"]
    search_fields = ["title_en", "title_ar", "iati_identifier"]
    inlines = [ParticipantInline, BudgetInline, TransactionInline]


class IndicatorValueInline(ReadOnlyInline):
    model = IndicatorValue


@admin.register(QuarterlyUpdate)
class QuarterlyUpdateAdmin(ReadOnlyHistoryAdmin):
    list_display = ["project", "year", "quarter", "state", "submitted_at", "reviewed_at"]
    list_filter = ["state", "year", "quarter"]
    list_select_related = ["project"]
    inlines = [IndicatorValueInline]


@admin.register(DuplicatePair)
class DuplicatePairAdmin(ReadOnlyAdmin):
    list_display = ["project_a", "project_b", "similarity", "decision", "decided_at"]
    list_filter = ["decision"]
    list_select_related = ["project_a", "project_b"]


# The results framework is kept in the portal's pages (views/results.py); the
# admin only reads it.
@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyHistoryAdmin):
    list_display = ["name_en", "swg", "unit", "baseline_value"]
    list_filter = ["swg"]
    search_fields = ["name_en", "name_ar"]
