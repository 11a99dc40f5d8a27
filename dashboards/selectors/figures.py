"""The dashboard's figures, each a table with its chart, drill-down links and
export (reports capability part 4). Every figure is built from the selectors of
this package; a figure knows nothing of how it is drawn."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from coordination.charts import bar_chart
from coordination.periods import Period
from swg.models import SWG

from . import action_points, meetings, portfolio, updates
from .cache import cached_figures


@dataclass
class Row:
    label: str
    values: list
    link: str = ""


@dataclass
class Figure:
    key: str
    title: str
    columns: list[str]  # after the label column
    rows: list[Row]
    chart: str = "bar"  # "bar", "line" or "" (table only)
    chart_columns: list[int] = field(default_factory=lambda: [0])
    link: str = ""
    note: str = ""
    percent_columns: list[int] = field(default_factory=list)
    context_columns: list[int] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing to show for the period: every count is zero and every share
        missing (a share of 0% is a finding, not an absence). Context columns,
        such as the days since the last meeting, do not count."""

        def found(i, value):
            return value is not None if i in self.percent_columns else bool(value)

        return not any(
            found(i, value)
            for row in self.rows
            for i, value in enumerate(row.values)
            if i not in self.context_columns
        )

    def chart_data(self) -> dict:
        """What static/js/dashboards.js gives Chart.js (numbers only)."""

        def number(value):
            return float(value) if value is not None else None

        return {
            "type": self.chart,
            "labels": [row.label for row in self.rows],
            "datasets": [
                {
                    "label": self.columns[i],
                    "data": [number(row.values[i]) for row in self.rows],
                    "percent": i in self.percent_columns,
                }
                for i in self.chart_columns
            ],
        }

    def table_rows(self):
        """Rows for the table and the export: label, then each value (shares in %)."""
        for row in self.rows:
            cells = []
            for i, value in enumerate(row.values):
                if i in self.percent_columns and value is not None:
                    value = round(value * 100, 1)
                cells.append(value)
            yield row, cells


def _url(name: str, args=(), **query) -> str:
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return reverse(name, args=args) + ("?" + urlencode(query) if query else "")


def _meetings_url(swg: SWG | None, period: Period, **extra) -> str:
    return _url(
        "swg:calendar_list",
        swg=swg.pk if swg else None,
        starts_after=period.start.isoformat(),
        starts_before=period.end.isoformat(),
        **extra,
    )


def _projects_url(period: Period, **query) -> str:
    # The list's period filter is "active in year": used when the period lies in one year.
    year = period.start.year if period.start.year == period.end.year else None
    return _url("projects_db:project_list", state="published", year=year, **query)


MONEY_FIGURES = ("budget", "committed", "disbursed", "gap")


def _swg_name(swg: SWG) -> str:
    return f"{swg.number}. {swg.name}" if swg.number else swg.name


def _per_swg_figure(
    swgs, key, title, source: dict[int, dict], fields, *, link_for, link="", **options
) -> Figure:
    """A figure with one row per SWG: ``fields`` are (key in ``source[swg.pk]``,
    column title), ``link_for(swg)`` the row's drill-down link."""
    return Figure(
        key=key,
        title=title,
        columns=[column for _key, column in fields],
        rows=[
            Row(_swg_name(s), [source[s.pk][k] for k, _column in fields], link_for(s)) for s in swgs
        ],
        link=link,
        **options,
    )


def _project_count_figure(key, title, counts, period: Period) -> Figure:
    """A figure of project counts: ``counts`` are (label, projects, the project
    list's filter that drills down to them)."""
    return Figure(
        key=key,
        title=title,
        columns=[_("Projects")],
        rows=[Row(label, [n], _projects_url(period, **query)) for label, n, query in counts],
    )


def dashboard_data(*, swgs: list[SWG], period: Period, today: dt.date | None = None) -> dict:
    """The figures of the dashboard for ``swgs`` over ``period``, and the gaps:
    national priorities and districts without a project. A fixed number of
    queries (about twenty), whatever the amount of data."""
    swg_ids = [s.pk for s in swgs]
    activity = meetings.meeting_activity(swg_ids=swg_ids, period=period, today=today)
    points = action_points.action_point_status(swg_ids=swg_ids, period=period, today=today)
    money = portfolio.portfolio_by_swg(swg_ids=swg_ids, period=period)
    duplications = portfolio.flagged_duplications(swg_ids=swg_ids, period=period)
    by_quarter = meetings.meetings_held_by_quarter(swg_ids=swg_ids, period=period)
    quarters = meetings.quarters_in(period)
    single = swgs[0] if len(swgs) == 1 else None

    per_swg = functools.partial(_per_swg_figure, swgs)

    def held(s):
        return _meetings_url(s, period, status="held")

    figures = [
        per_swg(
            "meetings",
            _("Meetings held and planned"),
            activity,
            [
                ("planned", _("Planned")),
                ("held", _("Held")),
                ("days_since_last", _("Days since the last meeting")),
            ],
            link_for=lambda s: _meetings_url(s, period),
            link=_meetings_url(single, period),
            chart_columns=[0, 1],
            context_columns=[2],
        ),
        per_swg(
            "government",
            _("Government presence"),
            activity,
            [
                ("government_share", _("Share of meetings held with a government attendee (%)")),
                ("government_per_meeting", _("Government attendees per meeting")),
            ],
            link_for=held,
            link=held(single),
            chart_columns=[0],
            percent_columns=[0],
        ),
        per_swg(
            "women",
            _("Women's share of attendance"),
            activity,
            [
                ("attendees", _("Attendees")),
                ("women", _("Women")),
                ("women_share", _("Women's share (%)")),
            ],
            link_for=held,
            link=held(single),
            chart_columns=[2],
            percent_columns=[2],
        ),
        per_swg(
            "action-points",
            _("Action points due in the period"),
            points,
            [("done", _("Done")), ("open", _("Open")), ("overdue", _("Overdue"))],
            link_for=lambda s: _url("swg:swg_action_points", args=[s.slug], overdue="true"),
            link=(
                _url("swg:swg_action_points", args=[single.slug], overdue="true") if single else ""
            ),
            chart_columns=[0, 1, 2],
        ),
        Figure(
            key="trend",
            title=_("Meetings held per quarter"),
            columns=[_swg_name(s) for s in swgs],
            rows=[
                Row(quarter, [by_quarter.get((s.pk, quarter), 0) for s in swgs])
                for quarter in quarters
            ],
            chart="line",
            chart_columns=list(range(len(swgs))),
            link=held(single),
        ),
        per_swg(
            "portfolio",
            _("Portfolio by SWG (US dollars)"),
            {
                s.pk: {
                    "projects": money[s.pk]["projects"],
                    **{k: round(money[s.pk][k]) for k in MONEY_FIGURES},
                    "duplications": duplications.get(s.pk, 0),
                }
                for s in swgs
            },
            [
                ("projects", _("Projects")),
                ("budget", _("Budget")),
                ("committed", _("Committed")),
                ("disbursed", _("Disbursed")),
                ("gap", _("Funding gap")),
                ("duplications", _("Flagged duplications")),
            ],
            link_for=lambda s: _projects_url(period, swg=s.pk),
            link=_projects_url(period, swg=single.pk if single else None),
            chart_columns=[2, 4],
        ),
    ]
    punctuality = updates.update_punctuality(swg_ids=swg_ids, period=period, today=today)
    figures.append(
        Figure(
            key="updates",
            title=_("Quarterly updates per partner"),
            columns=[_("On time"), _("Late"), _("Missing")],
            rows=[
                Row(
                    row["name"],
                    [row["on_time"], row["late"], row["missing"]],
                    _projects_url(period, owner=row["organization_id"]),
                )
                for row in punctuality
            ],
            chart_columns=[0, 1, 2],
            note=_(
                "Quarters whose deadline fell in the period; on time means submitted by "
                "the end of the deadline day."
            ),
        )
    )
    places = portfolio.projects_by_district(swg_ids=swg_ids, period=period)
    figures += [
        _project_count_figure(
            "donors",
            _("Projects by donor"),
            [
                (d["name"], d["projects"], {"donor": d["organization_id"]})
                for d in portfolio.projects_by_donor(swg_ids=swg_ids, period=period)
            ],
            period,
        ),
        _project_count_figure(
            "status",
            _("Projects by status"),
            [
                (str(s["label"]), s["projects"], {"status": s["status"]})
                for s in portfolio.projects_by_status(swg_ids=swg_ids, period=period)
            ],
            period,
        ),
        _project_count_figure(
            "districts",
            _("Projects by district"),
            [
                (d["district"].name, d["projects"], {"district": d["district"].pk})
                for d in places["districts"]
            ],
            period,
        ),
    ]
    return {
        "figures": figures,
        "priorities_without": portfolio.priorities_without_projects(swg_ids=swg_ids, period=period),
        "districts_without": [d["district"] for d in places["districts"] if not d["projects"]],
        "nationwide": places["nationwide"],
    }


def overview_data(*, swgs: list[SWG], period: Period, today: dt.date | None = None) -> dict:
    """The SWGs side by side on the dashboard's measures (one column per SWG)."""
    swg_ids = [s.pk for s in swgs]
    activity = meetings.meeting_activity(swg_ids=swg_ids, period=period, today=today)
    points = action_points.action_point_status(swg_ids=swg_ids, period=period, today=today)
    money = portfolio.portfolio_by_swg(swg_ids=swg_ids, period=period)
    duplications = portfolio.flagged_duplications(swg_ids=swg_ids, period=period)
    punctuality = updates.update_counts(swg_ids=swg_ids, period=period, today=today, by="swg")
    empty = {"on_time": 0, "late": 0, "missing": 0}
    columns = []
    for s in swgs:
        owed = punctuality.get(s.pk, empty)
        total = sum(owed.values())
        columns.append(
            {
                "swg": s,
                **activity[s.pk],
                **{f"ap_{k}": v for k, v in points[s.pk].items()},
                **money[s.pk],
                "duplications": duplications.get(s.pk, 0),
                "updates_on_time": owed["on_time"],
                "updates_late": owed["late"],
                "updates_missing": owed["missing"],
                "updates_on_time_share": round(owed["on_time"] / total, 3) if total else None,
            }
        )
    return {"columns": columns}


def overview_charts(columns: list[dict], *, compact: bool = False) -> list:
    """The overview's bar charts, drawn on the server (coordination/charts.py) so
    that the printed page and the PDF show them without JavaScript. ``compact``
    (the one-page PDF) names each group by its number, as the table above does."""

    def share(value):
        return round(value * 100, 1) if value is not None else 0

    def label(c):
        number = c["swg"].number
        if compact and number:
            return str(number)
        return f"{number}. {c['swg'].name}" if number else c["swg"].name

    specs = [
        (_("Meetings held"), lambda c: c["held"]),
        (_("Meetings with a government attendee (%)"), lambda c: share(c["government_share"])),
        (_("Women's share of attendance (%)"), lambda c: share(c["women_share"])),
        (_("Overdue action points"), lambda c: c["ap_overdue"]),
        (_("Quarterly updates on time (%)"), lambda c: share(c["updates_on_time_share"])),
        (_("Funding gap (million US dollars)"), lambda c: round(float(c["gap"]) / 1e6, 1)),
    ]
    return [
        bar_chart(
            data=[(label(c), value(c)) for c in columns],
            title=title,
            bar_width=130 if compact else 160,
            bar_height=8 if compact else 12,
        )
        for title, value in specs
    ]


def dashboard_figures(*, swgs: list[SWG], period: Period) -> dict:
    """``dashboard_data``, cached under the data version (selectors/cache.py)."""
    return cached_figures(
        "dashboard", lambda: dashboard_data(swgs=swgs, period=period), swgs=swgs, period=period
    )


def overview_figures(*, swgs: list[SWG], period: Period) -> dict:
    """``overview_data``, cached under the data version (selectors/cache.py)."""
    return cached_figures(
        "overview", lambda: overview_data(swgs=swgs, period=period), swgs=swgs, period=period
    )
