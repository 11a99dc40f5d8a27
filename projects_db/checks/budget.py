import datetime as dt

from django.utils.translation import gettext as _

from . import ERROR, WARNING

# IATI budget rule: a budget period lasts at most one year (plus a leap day).
MAX_PERIOD = dt.timedelta(days=366)


def check(project) -> list[tuple[str, str]]:
    budgets = list(project.budgets.all())
    if not budgets:
        return [(ERROR, _("Add the budget, one line per year."))]
    found = []
    for line in budgets:
        label = f"{line.period_start:%Y-%m-%d}–{line.period_end:%Y-%m-%d}"
        if line.period_end < line.period_start:
            found.append((ERROR, _("Budget %(period)s ends before it starts.") % {"period": label}))
        elif line.period_end - line.period_start > MAX_PERIOD:
            found.append(
                (WARNING, _("Budget %(period)s is longer than a year.") % {"period": label})
            )
        start, end = project.planned_start, project.planned_end
        if (start and line.period_end < start) or (end and line.period_start > end):
            found.append(
                (
                    WARNING,
                    _("Budget %(period)s lies outside the project's dates.") % {"period": label},
                )
            )
    return found
