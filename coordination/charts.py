"""Small charts drawn on the server as inline SVG, for PDFs and pages alike
(reports capability: "charts as inline SVG drawn on the server (no JavaScript
in PDFs)"). Each function returns a ``SafeString`` of one ``<svg>`` element;
every label is escaped. The figures come from selectors; these functions only
draw them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1f5f8b", "#d9822b", "#3c8d5a", "#b03a48", "#6b4c9a", "#7a7a7a")


def _number(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def _scale_max(values: Sequence[float]) -> float:
    top = max([0.0, *(float(v) for v in values)])
    return top if top > 0 else 1.0


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    label = escape(title)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{label}">'
        f"<title>{label}</title>" + "".join(body) + "</svg>"
    )


def bar_chart(
    *,
    data: Sequence[tuple[str, float]],
    title: str = "",
    width: int = 480,
    bar_height: int = 18,
    label_width: int = 150,
    color: str = PALETTE[0],
) -> SafeString:
    """Horizontal bars, one per (label, value), the value written after the bar.
    Horizontal because labels are names (SWGs, organizations) in either script."""
    gap = 6
    height = max(1, len(data)) * (bar_height + gap) + gap
    scale = (width - label_width - 40) / _scale_max([v for _l, v in data])
    body = []
    for n, (label, value) in enumerate(data):
        y = gap + n * (bar_height + gap)
        length = max(0.0, float(value)) * scale
        text_y = y + bar_height * 0.72
        body.append(
            f'<text x="{label_width - 4}" y="{text_y:.1f}" text-anchor="end" '
            f'font-size="9">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{escape(color)}"/>'
            f'<text x="{label_width + length + 3:.1f}" y="{text_y:.1f}" font-size="9" '
            f'direction="ltr">{_number(float(value))}</text>'
        )
    return _svg(width, height, title, body)


def line_chart(
    *,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    title: str = "",
    width: int = 480,
    height: int = 200,
) -> SafeString:
    """One polyline per (name, values) over the same ``labels`` (periods), with
    a legend; values are drawn from zero so that small changes do not look big."""
    left, right, top, bottom = 32, 10, 10, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _scale_max([v for _n, values in series for v in values])
    steps = max(1, len(labels) - 1)

    def point(i: int, value: float) -> tuple[float, float]:
        return left + plot_w * i / steps, top + plot_h * (1 - float(value) / top_value)

    body = [
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
        body.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 12}" text-anchor="middle" font-size="8">'
            f"{escape(label)}</text>"
        )
    for n, (name, values) in enumerate(series):
        color = PALETTE[n % len(PALETTE)]
        points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values))
        )
        body.append(
            f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="1.6"/>'
        )
        legend_x = left + n * 120
        body.append(
            f'<rect x="{legend_x}" y="{height - 12}" width="10" height="6" fill="{color}"/>'
            f'<text x="{legend_x + 14}" y="{height - 6}" font-size="8">{escape(name)}</text>'
        )
    return _svg(width, height, title, body)
