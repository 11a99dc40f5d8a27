"""Small charts drawn on the server as inline SVG, for PDFs and pages alike
(reports capability: "charts as inline SVG drawn on the server (no JavaScript
in PDFs)"). The figures come from selectors; these functions only draw them.

Names (SWGs, organizations, series) are written in HTML around the SVG, never
inside it: WeasyPrint lays out SVG text without the bidirectional algorithm, so
an Arabic label drawn in SVG would come out reversed. Inside the SVG there are
only shapes and numbers; the period labels of a line chart are short and
numeric ("2026-Q1", "03/2026") and are isolated as left-to-right text.
Each function returns one ``SafeString``; every label is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1f5f8b", "#d9822b", "#3c8d5a", "#b03a48", "#6b4c9a", "#7a7a7a")


def _number(value: float) -> str:
    value = float(value)
    return f"{value:g}" if value.is_integer() else f"{value:.1f}"


def _scale_max(values: Sequence[float]) -> float:
    top = max([0.0, *(float(v) for v in values)])
    return top if top > 0 else 1.0


def bar_chart(
    *,
    data: Sequence[tuple[str, float]],
    title: str = "",
    bar_width: int = 260,
    bar_height: int = 12,
    color: str = PALETTE[0],
) -> SafeString:
    """Horizontal bars, one row per (label, value): the label, an SVG bar as
    long as the value relative to the largest, and the value. A table, so
    it flips with the page's direction."""
    scale = bar_width / _scale_max([v for _label, v in data])
    rows = []
    for label, value in data:
        length = max(0.0, float(value)) * scale
        rows.append(
            f'<tr><th scope="row">{escape(label)}</th><td class="chart-bar">'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{bar_width}" height="{bar_height}" '
            f'viewBox="0 0 {bar_width} {bar_height}" aria-hidden="true">'
            f'<rect x="0" y="0" width="{length:.1f}" height="{bar_height}" '
            f'fill="{escape(color)}"/></svg></td>'
            f'<td class="num">{_number(value)}</td></tr>'
        )
    caption = f"<caption>{escape(title)}</caption>" if title else ""
    return mark_safe(f'<table class="chart chart-bars">{caption}{"".join(rows)}</table>')


def line_chart(
    *,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    title: str = "",
    width: int = 480,
    height: int = 180,
    markers: bool = False,
) -> SafeString:
    """One polyline per (name, values) over the same period ``labels``, drawn
    from zero so that small changes do not look big; the legend is HTML.
    A value of None is a period without a figure: the line breaks there.
    ``markers`` draws a dot on every figure with the number as its tooltip,
    so a series of one figure still shows."""
    left, right, top, bottom = 32, 12, 10, 22
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _scale_max([v for _name, values in series for v in values if v is not None])
    steps = max(1, len(labels) - 1)

    def point(i: int, value: float) -> tuple[float, float]:
        return left + plot_w * i / steps, top + plot_h * (1 - float(value) / top_value)

    shapes = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="#999" stroke-width="0.8"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" '
        f'stroke="#999" stroke-width="0.8"/>',
        f'<text x="{left - 3}" y="{top + 4}" text-anchor="end" font-size="8">'
        f"{_number(top_value)}</text>",
        f'<text x="{left - 3}" y="{top + plot_h}" text-anchor="end" font-size="8">0</text>',
    ]
    for i, label in enumerate(labels):
        x, _y = point(i, 0)
        shapes.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 12}" text-anchor="middle" font-size="8" '
            f'direction="ltr">{escape(label)}</text>'
        )
    legend = []
    for n, (name, values) in enumerate(series):
        color = PALETTE[n % len(PALETTE)]
        runs: list[list[tuple[float, float]]] = [[]]
        for i, value in enumerate(values):
            if value is None:
                runs.append([])
                continue
            x, y = point(i, value)
            runs[-1].append((x, y))
            if markers:
                shapes.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{color}">'
                    f"<title>{escape(labels[i])}: {_number(value)}</title></circle>"
                )
        for run in runs:
            if len(run) > 1 or (run and not markers):
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                shapes.append(
                    f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="1.6"/>'
                )
        legend.append(
            f'<li><svg xmlns="http://www.w3.org/2000/svg" width="10" height="6" '
            f'aria-hidden="true"><rect width="10" height="6" fill="{color}"/></svg> '
            f"{escape(name)}</li>"
        )
    caption = f"<figcaption>{escape(title)}</figcaption>" if title else ""
    return mark_safe(
        f'<figure class="chart chart-line">{caption}'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        + "".join(shapes)
        + f'</svg><ul class="chart-legend">{"".join(legend)}</ul></figure>'
    )
