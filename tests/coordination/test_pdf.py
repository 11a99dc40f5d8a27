"""The one PDF pipeline (coordination/pdf.py): a template in the language asked
for, the page's running header and numbers, a table of contents, Arabic shaped
and in logical order, and a URL fetcher that reads only the project's static
files."""

import re
import socket

import pytest
from django.utils import translation

from coordination import pdf
from tests.support.pdfs import pdf_fonts, pdf_pages, pdf_text, words


@pytest.fixture
def templates(settings, tmp_path):
    """PDF templates of the test's own, beside the project's."""
    folder = tmp_path / "templates"
    (folder / "t").mkdir(parents=True)
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [folder, *settings.TEMPLATES[0]["DIRS"]]}
    ]

    def write(name: str, body: str) -> str:
        (folder / "t" / name).write_text(
            '{% extends "pdf/base.html" %}{% load i18n %}' + body, encoding="utf-8"
        )
        return f"t/{name}"

    return write


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"a PDF tried to open a connection: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.fixture
def fetches(monkeypatch):
    """Every URL WeasyPrint asked for, and whether the fetcher gave it."""
    asked = []
    real = pdf.static_url_fetcher

    def recording(url, *args, **kwargs):
        try:
            response = real(url, *args, **kwargs)
        except Exception:
            asked.append((url, "refused"))
            raise
        asked.append((url, "given"))
        return response

    monkeypatch.setattr(pdf, "static_url_fetcher", recording)
    return asked


def test_it_renders_a_template_in_the_language_asked_for(templates):
    name = templates(
        "hello.html",
        "{% block running_header %}Health · March 2026{% endblock %}"
        "{% block content %}<p>{% translate 'Working groups' %} {{ who }}</p>{% endblock %}",
    )
    with translation.override("en"):
        data = pdf.render_pdf(template_name=name, context={"who": "أمينة حداد"}, language="ar")
    text = pdf_text(data)
    assert "أمينة حداد" in text  # shaped by Pango, read back in logical order
    fonts = pdf_fonts(data)
    assert any(f.startswith(("Amiri", "NotoNaskhArabic")) for f in fonts)  # Arabic glyphs
    assert any(f.startswith("NotoSans") for f in fonts)  # Latin text: the first font
    assert translation.get_language() == "en"
    html = pdf.render_pdf_html(template_name=name, context={}, language="ar")
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert 'dir="ltr"' in pdf.render_pdf_html(template_name=name, context={}, language="en-gb")


def test_user_text_of_the_other_direction_keeps_its_edges_in_an_arabic_pdf(templates):
    # A partner's name ending in a neutral sign, inside an Arabic sentence: isolated,
    # the "!" stays at the end of the name instead of jumping to its far side.
    name = templates(
        "isolated.html",
        "{% load bidi %}{% block content %}<p>قدمت {{ who|bdi }} التقرير</p>{% endblock %}",
    )
    data = pdf.render_pdf(template_name=name, context={"who": "Save the Children!"}, language="ar")
    shown = pdf_text(data, raw=True)
    assert "Save the Children!" in shown and "!Save" not in shown


def test_it_numbers_the_pages_and_repeats_the_running_header(templates):
    name = templates(
        "long.html",
        "{% block running_header %}Health · March 2026{% endblock %}"
        "{% block content %}{% for n in lines %}<p>Line {{ n }}</p>{% endfor %}{% endblock %}",
    )
    data = pdf.render_pdf(template_name=name, context={"lines": range(200)}, language="en")
    pages = pdf_pages(data)
    assert pages >= 3
    last_page = pdf_text(data, first=pages, last=pages)
    assert "Health · March 2026" in last_page
    assert re.search(rf"\b{pages}\s*/\s*{pages}\b", last_page)


def test_its_table_of_contents_points_at_the_pages(templates):
    name = templates(
        "toc.html",
        '{% block toc %}{% include "pdf/_toc.html" %}{% endblock %}'
        "{% block content %}{% for anchor, title in toc %}"
        '<section id="{{ anchor }}"><h2>{{ title }}</h2>{% for n in lines %}<p>Text {{ n }}</p>'
        "{% endfor %}</section>{% endfor %}{% endblock %}",
    )
    toc = [("one", "First part"), ("two", "Second part")]
    data = pdf.render_pdf(
        template_name=name, context={"toc": toc, "lines": range(60)}, language="en"
    )
    contents = words(pdf_text(data, first=1, last=1))
    # The contents take page 1, each part starts on the page named for it.
    first = int(re.search(r"First part[ .]*(\d+)", contents).group(1))
    second = int(re.search(r"Second part[ .]*(\d+)", contents).group(1))
    assert first == 2 and second > first
    assert "Second part" in pdf_text(data, first=second, last=second)


def test_its_fetcher_gives_the_project_stylesheet(fetches, templates):
    name = templates("plain.html", "{% block content %}<p>x</p>{% endblock %}")
    pdf.render_pdf(template_name=name, context={}, language="en")
    assert ("file:///static/css/pdf.css", "given") in fetches


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.png",
        "https://127.0.0.1:9/x.css",
        "file:///static/../../../../etc/passwd",
        "file:///static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "ftp://example.com/x.png",
    ],
)
def test_its_fetcher_refuses_what_is_not_a_static_file(url, no_network):
    with pytest.raises(pdf.PdfFetchRefused):
        pdf.static_url_fetcher(url)
    assert no_network == []


def test_a_template_reaching_outside_renders_without_it(fetches, no_network, templates, caplog):
    name = templates(
        "hostile.html",
        "{% block head %}"
        '<link rel="stylesheet" href="http://example.com/evil.css">'
        "<style>@import url('https://example.org/more.css');</style>"
        "{% endblock %}{% block content %}"
        '<p>Before</p><img src="file:///etc/passwd" alt="">'
        '<iframe src="file:///etc/passwd"></iframe>'
        '<object data="file:///etc/hostname"></object>'
        '<img src="http://169.254.169.254/latest/meta-data/" alt=""><p>After</p>'
        "{% endblock %}",
    )
    data = pdf.render_pdf(template_name=name, context={}, language="en")
    text = pdf_text(data)
    assert "Before" in text and "After" in text
    assert "root:" not in text
    refused = {url for url, outcome in fetches if outcome == "refused"}
    assert {
        "http://example.com/evil.css",
        "https://example.org/more.css",
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
    } <= refused
    assert no_network == []  # nothing left the machine
    assert "refused to fetch file:///etc/passwd" in caplog.text


def test_it_draws_an_inline_svg_chart(templates):
    from coordination.charts import bar_chart

    name = templates("chart.html", "{% block content %}{{ chart }}{% endblock %}")
    chart = bar_chart(data=[("الصحة", 4), ("Education", 2)], title="Meetings held")
    data = pdf.render_pdf(template_name=name, context={"chart": chart}, language="en")
    text = pdf_text(data)
    assert "Education" in text and "الصحة" in text
