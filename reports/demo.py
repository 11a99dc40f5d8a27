"""The demo's recipients of progress reports: the Technical Cooperation Office
of the Ministry of Planning (swg/demo/world.py, acronym "TCO"; DESIGN §3
"Progress report"). Run after ``load_demo``; a second run changes nothing."""

from __future__ import annotations

from swg.models import Organization

from .models import ReportRecipient

TECHNICAL_COOPERATION_OFFICE = "TCO"


def build_demo_recipients() -> int:
    """Make the demo's Technical Cooperation Office a recipient; the number added."""
    added = 0
    for organization in Organization.objects.filter(acronym=TECHNICAL_COOPERATION_OFFICE):
        _recipient, created = ReportRecipient.objects.get_or_create(organization=organization)
        added += created
    return added
