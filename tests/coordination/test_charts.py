"""Server-drawn charts (coordination/charts.py): shapes in SVG sized to the
figures, names escaped and kept in HTML so Arabic keeps its direction."""

import re

from coordination.charts import bar_chart, line_chart


def test_a_bar_is_as_long_as_its_value_relative_to_the_largest():
    html = bar_chart(data=[("Health", 4), ("Education", 2), ("Security", 0)], bar_width=200)
    widths = [float(w) for w in re.findall(r'<rect x="0" y="0" width="([\d.]+)"', html)]
    assert widths == [200.0, 100.0, 0.0]
    assert '<td class="num">4</td>' in html


def test_a_bar_chart_of_nothing_draws_no_bar():
    html = bar_chart(data=[("Health", 0)])
    assert 'width="0.0"' in html


def test_it_escapes_labels_and_titles():
    html = bar_chart(data=[("<script>x</script>", 1)], title='"R&D"')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&quot;R&amp;D&quot;" in html
    line = line_chart(labels=["<b>"], series=[("<i>", [1])], title="<t>")
    assert "<b>" not in line and "<i>" not in line and "<t>" not in line


def test_arabic_names_stay_outside_the_svg():
    html = bar_chart(data=[("الصحة", 3)])
    svg_parts = re.findall(r"<svg.*?</svg>", html)
    assert svg_parts and not any("الصحة" in part for part in svg_parts)
    assert '<th scope="row">الصحة</th>' in html


def test_a_line_chart_has_a_point_per_period_and_series():
    html = line_chart(
        labels=["2026-Q1", "2026-Q2", "2026-Q3"],
        series=[("Submitted", [2, 4, 3]), ("Missing", [3, 1, 0])],
        width=200,
        height=100,
    )
    polylines = re.findall(r'<polyline points="([^"]+)"', html)
    assert [len(p.split()) for p in polylines] == [3, 3]
    # Drawn from zero: the largest value touches the top, zero the axis.
    first = [tuple(map(float, xy.split(","))) for xy in polylines[0].split()]
    second = [tuple(map(float, xy.split(","))) for xy in polylines[1].split()]
    assert first[1][1] == 10.0 and second[2][1] == 100 - 22
    legend = html.split('<ul class="chart-legend">')[1]
    assert "Submitted" in legend and "Missing" in legend


def test_a_line_chart_breaks_where_a_period_has_no_figure():
    html = line_chart(labels=["2025", "2026", "2027"], series=[("Value", [1, None, 3])])
    polylines = re.findall(r'<polyline points="([^"]+)"', html)
    assert [len(p.split()) for p in polylines] == [1, 1]


def test_a_line_chart_marks_each_figure_with_its_number():
    html = line_chart(labels=["2026-Q1"], series=[("Value", [42.5])], markers=True)
    assert "<title>2026-Q1: 42.5</title>" in html
    assert "<polyline" not in html  # one figure: a dot, no line
