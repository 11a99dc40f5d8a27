"""Reads for the exports: every relation a file row needs, in a fixed
number of queries however many projects are exported."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from swg.models import Organization

from ..models import District, ProjectBudget, ProjectParticipant, Transaction

# What a spreadsheet names an organization by (spreadsheet._org_name).
ORGANIZATION_NAME = ("id", "acronym", "name_en", "name_ar")
# The transaction types a spreadsheet has a column for (records.SHEET_TRANSACTION_TYPES).
SHEET_TRANSACTION_TYPES = (
    Transaction.Type.PLEDGE,
    Transaction.Type.COMMITMENT,
    Transaction.Type.DISBURSEMENT,
    Transaction.Type.EXPENDITURE,
)


def export_queryset(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(
        "owner", "swg", "subsector", "national_priority"
    ).prefetch_related(
        "districts",
        "beneficiaries",
        "budgets",
        Prefetch(
            "participants",
            queryset=ProjectParticipant.objects.select_related("organization"),
        ),
        Prefetch(
            "transactions",
            queryset=Transaction.objects.select_related("provider", "receiver"),
        ),
    )


def spreadsheet_queryset(queryset: QuerySet) -> QuerySet:
    """The projects as ``spreadsheet.project_row`` reads them: only the columns
    the file shows, without the transactions' parties (the IATI file's, read
    through ``export_queryset``), so a workbook of a few hundred projects does
    not build thousands of unused objects. Each relation is a list in
    ``sheet_<relation>`` (``to_attr``): no manager or queryset per project."""
    organizations = Organization.objects.only(*ORGANIZATION_NAME)
    return (
        queryset.select_related("owner", "swg", "subsector", "national_priority")
        .only(
            "id",
            "iati_identifier",
            "title_en",
            "title_ar",
            "description_en",
            "description_ar",
            "dac_sector",
            "status",
            "status_reason",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "nationwide",
            "currency",
            "comments",
            *(f"owner__{name}" for name in ORGANIZATION_NAME),
            "swg__id",
            "swg__slug",
            "subsector__id",
            "subsector__slug",
            "national_priority__id",
            "national_priority__code",
        )
        .prefetch_related(
            Prefetch(
                "districts",
                queryset=District.objects.only("id", "code"),
                to_attr="sheet_districts",
            ),
            Prefetch("beneficiaries", queryset=organizations, to_attr="sheet_beneficiaries"),
            Prefetch(
                "budgets",
                queryset=ProjectBudget.objects.only(
                    "id", "project_id", "period_start", "period_end", "value", "currency"
                ),
                to_attr="sheet_budgets",
            ),
            Prefetch(
                "participants",
                queryset=ProjectParticipant.objects.select_related("organization").only(
                    "id",
                    "project_id",
                    "role",
                    *(f"organization__{name}" for name in ORGANIZATION_NAME),
                ),
                to_attr="sheet_participants",
            ),
            Prefetch(
                "transactions",
                queryset=Transaction.objects.filter(type__in=SHEET_TRANSACTION_TYPES).only(
                    "id", "project_id", "type", "value_date", "value", "currency"
                ),
                to_attr="sheet_transactions",
            ),
        )
    )
