"""The slot other apps fill on the role home pages (DESIGN §6: dashboards read
from every app below them; an app above swg that has something for a role to do
registers it here instead of the home page importing it).

``register_home_items(role, callable)``: ``callable(actor)`` returns a list of
``HomeItem``. The chair's "progress reports awaiting approval" belongs to the
``reports`` app and is registered by it (docs/architecture.md "Home pages").
"""

from __future__ import annotations

from collections.abc import Callable
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


_registry: dict[str, list[Callable]] = {role: [] for role in ROLES}


def register_home_items(role: str, provider: Callable) -> Callable:
    """Add ``provider(actor) -> list[HomeItem]`` to ``role``'s home page.
    Registering the same provider twice keeps one."""
    if role not in _registry:
        raise ValueError(f"unknown home role {role!r}")
    if provider not in _registry[role]:
        _registry[role].append(provider)
    return provider


def registered_home_items(role: str, actor) -> list[HomeItem]:
    items: list[HomeItem] = []
    for provider in _registry.get(role, []):
        items.extend(provider(actor))
    return items
