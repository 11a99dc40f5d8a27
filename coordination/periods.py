"""A stretch of Tripoli dates, both ends included: the period of a dashboard
(any start and end, DESIGN §4 "per SWG and over time") and of a progress
report (a quarter "2026Q3", a half-year "2026H2" or a year "2026", DESIGN §3
"Progress report"). Shared infrastructure: it names no portal app."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>[QH])(?P<n>\d))?$")


def tripoli_midnight(day: dt.date) -> dt.datetime:
    """The first moment of ``day`` in the portal's time zone (Africa/Tripoli)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _month_end(start: dt.date, months: int) -> dt.date:
    month = start.month - 1 + months
    return dt.date(start.year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """Tripoli dates, both ends included. A reporting period also has a
    ``kind`` (quarter, half-year or year) and a code; a dashboard's has none."""

    start: dt.date
    end: dt.date
    kind: str = ""

    QUARTER, HALF, YEAR = "quarter", "half", "year"
    MONTHS = {QUARTER: 3, HALF: 6, YEAR: 12}

    @classmethod
    def of(cls, kind: str, start: dt.date) -> Period:
        """The quarter, half-year or year that begins on ``start``."""
        return cls(start=start, end=_month_end(start, cls.MONTHS[kind]), kind=kind)

    @classmethod
    def parse(cls, code: str) -> Period:
        """ "2026Q3", "2026H1" or "2026"; anything else is a ``ValueError``."""
        match = PERIOD_PATTERN.match((code or "").strip().upper())
        if not match:
            raise ValueError(f"{code!r} is not a period such as 2026Q3, 2026H1 or 2026")
        year, letter, n = int(match["year"]), match["kind"], int(match["n"] or 0)
        if letter == "Q" and 1 <= n <= 4:
            return cls.of(cls.QUARTER, dt.date(year, 3 * n - 2, 1))
        if letter == "H" and n in (1, 2):
            return cls.of(cls.HALF, dt.date(year, 6 * n - 5, 1))
        if letter is None:
            return cls.of(cls.YEAR, dt.date(year, 1, 1))
        raise ValueError(f"{code!r} is not a period such as 2026Q3, 2026H1 or 2026")

    @property
    def start_at(self) -> dt.datetime:
        return tripoli_midnight(self.start)

    @property
    def end_before(self) -> dt.datetime:
        """The first moment after the period."""
        return tripoli_midnight(self.end + dt.timedelta(days=1))

    @property
    def code(self) -> str:
        if self.kind == self.QUARTER:
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == self.HALF:
            return f"{self.start.year}H{(self.start.month - 1) // 6 + 1}"
        if self.kind == self.YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    @property
    def label(self) -> str:
        year = self.start.year
        if self.kind == self.QUARTER:
            return _("Q%(n)s %(year)s") % {"n": (self.start.month - 1) // 3 + 1, "year": year}
        if self.kind == self.HALF:
            return _("H%(n)s %(year)s") % {"n": (self.start.month - 1) // 6 + 1, "year": year}
        if self.kind == self.YEAR:
            return _("Year %(year)s") % {"year": year}
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    def quarters(self) -> list[tuple[int, int]]:
        """(year, quarter) of each calendar quarter the period touches."""
        first = (self.start.year, (self.start.month - 1) // 3 + 1)
        last = (self.end.year, (self.end.month - 1) // 3 + 1)
        found, (year, quarter) = [], first
        while (year, quarter) <= last:
            found.append((year, quarter))
            year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
        return found
