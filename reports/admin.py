"""Reports change through their services (reports.services.reports), so the
admin shows them read-only; the recipient offices are set here."""

from django.contrib import admin

from coordination.admin import HistoryAdmin, ReadOnlyHistoryAdmin

from .models import ProgressReport, ReportGeneration, ReportRecipient


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyHistoryAdmin):
    list_display = ["swg", "period_kind", "period_start", "status", "revision"]
    list_filter = ["status", "period_kind", "swg"]
    list_select_related = ["swg"]


@admin.register(ReportGeneration)
class ReportGenerationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["report", "language", "status", "progress", "created_at"]
    list_filter = ["status", "language"]
    list_select_related = ["report__swg"]


@admin.register(ReportRecipient)
class ReportRecipientAdmin(HistoryAdmin):
    list_display = ["organization", "created_at"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
