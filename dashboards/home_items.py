"""What a role's home page lists (dashboards/selectors/home.py): items to do,
each a link to the page where it is done. Dashboards sit at the top of the
layers (DESIGN §6), so the home page reads every app directly, reports included."""

from __future__ import annotations

from dataclasses import dataclass

SECRETARIAT = "secretariat"
CHAIR = "chair"
PARTNER = "partner"
COORDINATION = "coordination"
ROLES = (SECRETARIAT, CHAIR, PARTNER, COORDINATION)


@dataclass(frozen=True)
class HomeItem:
    """One thing to do: what, how many, and the page where it is done."""

    key: str
    label: str
    url: str
    count: int | None = None
    detail: str = ""
    urgent: bool = False
