"""Reads for the exports: every relation a file row needs, in a fixed
number of queries however many projects are exported."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from ..models import ProjectParticipant, Transaction


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
