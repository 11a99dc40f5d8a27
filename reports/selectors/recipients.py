"""Who receives a sent progress report (DESIGN §3 "Progress report")."""

from __future__ import annotations

from swg.models import Contact

from ..models import ReportRecipient


def report_recipients() -> list[Contact]:
    """Active contacts of the recipient offices (the MoP Technical Cooperation Office)."""
    return list(
        Contact.objects.filter(
            is_active=True,
            organization__in=ReportRecipient.objects.values("organization"),
        ).order_by("email")
    )
