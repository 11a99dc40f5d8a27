"""Admin pages of the working-group domain.

Only the directory (organizations, contacts) and the SWG appointments of ministry
logins are edited here. Everything else changes through a service that applies
the rules and records who did what (docs/architecture.md), so the admin shows it
read-only: the structure (restructuring keeps the dated history), memberships
and focal points, meetings and everything hanging from them, and import jobs.
Every changelist selects the related rows it shows in one query.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coordination.admin import (
    HTTPS_URL_FIELDS,
    HistoryAdmin,
    ReadOnlyAdmin,
    ReadOnlyHistoryAdmin,
    ReadOnlyInline,
)

from .models import (
    SWG,
    ActionPoint,
    AgendaItem,
    Attendance,
    CalendarReply,
    Contact,
    Correspondence,
    Document,
    FocalPoint,
    ImportJob,
    Invitation,
    Meeting,
    Membership,
    MembershipReview,
    Minutes,
    MinutesItem,
    Organization,
    PublicHoliday,
    ScheduleOptOut,
    ScheduleSubscription,
    StructureChange,
    Subsector,
    SWGAppointment,
    TorVersion,
)
from .services.schedule import public_holiday_check

# ---------------------------------------------------------------- directory (editable)


@admin.register(Organization)
class OrganizationAdmin(HistoryAdmin):
    list_display = ["name_en", "acronym", "org_type", "parent", "is_active"]
    list_filter = ["org_type", "is_active"]
    list_select_related = ["parent"]
    search_fields = ["name_en", "name_ar", "acronym"]
    autocomplete_fields = ["parent"]
    formfield_overrides = HTTPS_URL_FIELDS


@admin.register(Contact)
class ContactAdmin(HistoryAdmin):
    list_display = ["name_en", "name_ar", "organization", "email", "is_active"]
    list_filter = ["gender", "preferred_language", "is_active"]
    list_select_related = ["organization"]
    search_fields = ["name_en", "name_ar", "email", "organization__acronym"]
    autocomplete_fields = ["organization"]


@admin.register(SWGAppointment)
class SWGAppointmentAdmin(HistoryAdmin):
    list_display = ["user", "swg", "role", "start_date", "end_date"]
    list_filter = ["swg", "role"]
    list_select_related = ["user", "swg"]
    search_fields = ["user__email", "user__full_name", "swg__name_en"]
    autocomplete_fields = ["user", "swg"]


# ---------------------------------------------------------------- structure (read-only)


class SubsectorInline(ReadOnlyInline):
    model = Subsector
    fields = ["order", "slug", "name_en", "name_ar", "is_active"]


@admin.register(SWG)
class SWGAdmin(ReadOnlyHistoryAdmin):
    list_display = ["name_en", "name_ar", "number", "lead", "is_active", "active_until"]
    list_filter = ["lead", "is_active"]
    search_fields = ["name_en", "name_ar", "slug"]
    inlines = [SubsectorInline]


@admin.register(Subsector)
class SubsectorAdmin(ReadOnlyHistoryAdmin):
    list_display = ["name_en", "name_ar", "swg", "order", "is_active"]
    list_filter = ["swg", "is_active"]
    list_select_related = ["swg"]
    search_fields = ["name_en", "name_ar", "slug"]


@admin.register(StructureChange)
class StructureChangeAdmin(ReadOnlyAdmin):
    list_display = ["effective_on", "kind", "swg", "other_swg", "summary_en", "made_by"]
    list_filter = ["kind", "swg"]
    list_select_related = ["swg", "other_swg", "made_by"]
    search_fields = ["summary_en", "summary_ar", "note"]


# ---------------------------------------------------------------- memberships (read-only)


@admin.register(Membership)
class MembershipAdmin(ReadOnlyHistoryAdmin):
    list_display = ["swg", "organization", "contact", "role", "start_date", "end_date"]
    list_filter = ["swg", "role"]
    list_select_related = ["swg", "organization", "contact"]
    search_fields = ["organization__name_en", "organization__acronym", "contact__name_en"]


@admin.register(FocalPoint)
class FocalPointAdmin(ReadOnlyHistoryAdmin):
    list_display = ["organization", "contact", "purpose", "swg", "appointed_on", "ended_on"]
    list_filter = ["purpose", "is_interim", "swg"]
    list_select_related = ["organization", "contact", "swg"]
    search_fields = ["organization__name_en", "organization__acronym", "contact__name_en"]


@admin.register(MembershipReview)
class MembershipReviewAdmin(ReadOnlyHistoryAdmin):
    list_display = ["membership", "period_start", "period_end", "decision", "decided_by"]
    list_filter = ["decision", "membership__swg"]
    list_select_related = [
        "membership__organization",
        "membership__contact",
        "decided_by",
    ]
    search_fields = ["membership__organization__name_en", "membership__contact__name_en"]


# ---------------------------------------------------------------- meetings (read-only)


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["order", "title_en", "title_ar", "presenter"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["starts_at", "__str__", "swg", "kind", "status", "invitations_sent_at"]
    list_filter = ["status", "kind", "swg", "city"]
    list_select_related = ["swg"]
    search_fields = ["title_en", "title_ar", "venue_en", "venue_ar"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyHistoryAdmin):
    list_display = ["title_en", "meeting", "order", "presenter"]
    list_filter = ["meeting__swg"]
    list_select_related = ["meeting", "presenter"]
    search_fields = ["title_en", "title_ar", "meeting__title_en"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["meeting", "contact", "is_ad_hoc", "rsvp", "rsvp_source", "rsvp_at"]
    list_filter = ["rsvp", "rsvp_source", "is_ad_hoc", "meeting__swg"]
    list_select_related = ["meeting", "contact"]
    search_fields = ["contact__name_en", "contact__email", "meeting__title_en"]


@admin.register(CalendarReply)
class CalendarReplyAdmin(ReadOnlyHistoryAdmin):
    list_display = ["invitation", "answer", "applied", "sender", "stamped_at", "received_at"]
    list_filter = ["answer", "applied", "invitation__meeting__swg"]
    list_select_related = ["invitation__meeting", "invitation__contact"]
    search_fields = ["sender", "message_key", "invitation__meeting__title_en"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyHistoryAdmin):
    list_display = ["meeting", "contact", "organization", "status", "is_walk_in"]
    list_filter = ["status", "is_walk_in", "meeting__swg"]
    list_select_related = ["meeting", "contact", "organization"]
    search_fields = ["contact__name_en", "organization__acronym", "meeting__title_en"]


class MinutesItemInline(ReadOnlyInline):
    model = MinutesItem
    fields = ["order", "title", "decisions"]


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyHistoryAdmin):
    list_display = ["meeting", "version", "status", "language", "approved_at", "circulated_at"]
    list_filter = ["status", "language", "meeting__swg"]
    list_select_related = ["meeting"]
    search_fields = ["meeting__title_en", "meeting__title_ar", "summary"]
    inlines = [MinutesItemInline]


@admin.register(ActionPoint)
class ActionPointAdmin(ReadOnlyHistoryAdmin):
    list_display = ["__str__", "swg", "owner_organization", "due_date", "status"]
    list_filter = ["status", "swg"]
    list_select_related = ["swg", "owner_organization"]
    search_fields = [
        "description_en",
        "description_ar",
        "owner_organization__name_en",
        "owner_organization__acronym",
    ]
    date_hierarchy = "due_date"


# ---------------------------------------------------------------- jobs (read-only)


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "original_name", "kind", "status", "created_by", "finished_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["created_by"]
    search_fields = ["original_name", "created_by__email"]
    date_hierarchy = "created_at"
    # A private file has no address (coordination/storage.py): its stored name, no link.
    exclude = ["file"]
    readonly_fields = ["stored_file"]

    @admin.display(description=_("stored as"))
    def stored_file(self, job):
        return job.file.name


# ---------------------------------------------------------------- archive (read-only)


@admin.register(Document)
class DocumentAdmin(ReadOnlyHistoryAdmin):
    list_display = ["document_date", "title", "swg", "category", "language", "visibility"]
    list_filter = ["swg", "category", "visibility"]
    list_select_related = ["swg"]
    search_fields = ["title", "description"]
    date_hierarchy = "document_date"
    # Versions are private files (coordination/storage.py): downloaded from the
    # document's page, which checks permission, never from the admin.
    exclude = ["search_vector"]


@admin.register(Correspondence)
class CorrespondenceAdmin(ReadOnlyHistoryAdmin):
    list_display = ["reference", "date", "direction", "kind", "channel", "follow_up_status"]
    list_filter = ["direction", "kind", "channel", "follow_up_status"]
    list_select_related = ["from_organization", "to_organization"]
    search_fields = ["reference", "subject_en", "subject_ar"]
    date_hierarchy = "date"


# ---------------------------------------------------------------- monthly schedule and TORs


class PublicHolidayForm(forms.ModelForm):
    class Meta:
        model = PublicHoliday
        fields = ["name_en", "name_ar", "month", "day", "year", "days"]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        candidate = PublicHoliday(
            pk=self.instance.pk, **{name: cleaned.get(name) for name in self.Meta.fields}
        )
        try:
            public_holiday_check(holiday=candidate)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return cleaned


@admin.register(PublicHoliday)
class PublicHolidayAdmin(HistoryAdmin):
    """Administrators keep the holidays the first-working-day rule skips: the
    fixed ones are seeded; the movable religious ones are entered each year."""

    form = PublicHolidayForm
    list_display = ["name_en", "name_ar", "day", "month", "year", "days"]
    list_filter = ["year"]
    search_fields = ["name_en", "name_ar"]


@admin.register(TorVersion)
class TorVersionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["__str__", "swg", "number", "status", "endorsed_by", "endorsed_at"]
    list_filter = ["status", "swg"]
    list_select_related = ["swg", "endorsed_by"]


@admin.register(ScheduleSubscription)
class ScheduleSubscriptionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["user", "swg", "created_at"]
    list_select_related = ["user", "swg"]


@admin.register(ScheduleOptOut)
class ScheduleOptOutAdmin(ReadOnlyHistoryAdmin):
    list_display = ["email", "source", "created_at"]
    search_fields = ["email"]
