"""What a role's home page lists (dashboards/selectors/home.py): items to do,
each a link to the page where it is done. Dashboards sit at the top of the
layers (DESIGN §6), so the home page reads every app directly, reports included."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SECRETARIAT = "secretariat"
CHAIR = "chair"
PARTNER = "partner"
COORDINATION = "coordination"
ROLES = (SECRETARIAT, CHAIR, PARTNER, COORDINATION)


@dataclass(frozen=True)
class HomeItem:
    """One thing to do: what, how many, and the page where it is done.

    Dates stay dates: the template prints ``date`` after the label and ``due``
    in the detail line with ``|bdi_date`` in the reader's language
    (docs/architecture.md, "Text direction"); ``date_format`` names the format."""

    key: str
    label: str
    url: str
    count: int | None = None
    detail: str = ""
    urgent: bool = False
    date: dt.date | dt.datetime | None = None
    date_format: str = "DATE_FORMAT"
    due: dt.date | None = None
