"""``manage.py render_report`` writes the same PDF the portal renders."""

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_report
from tests.support.pdfs import pdf_text, words


def test_it_writes_the_arabic_report(world, tmp_path):
    report = make_report(world, summary_ar="<p>ملخص التقدم</p>")
    output = tmp_path / "report.pdf"
    call_command(
        "render_report", swg="health", period=report.period.code, lang="ar", output=str(output)
    )
    text = words(pdf_text(output.read_bytes()))
    assert world.swg_x.name_ar in text and "ملخص التقدم" in text


def test_it_renders_a_period_without_a_report(world, tmp_path):
    output = tmp_path / "report.pdf"
    call_command("render_report", swg="health", period="2019", lang="en", output=str(output))
    assert "Nothing was recorded" in words(pdf_text(output.read_bytes()))


def test_it_refuses_an_unknown_group_or_period(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("render_report", swg="nowhere", period="2026Q3", output=str(tmp_path / "x"))
    with pytest.raises(CommandError):
        call_command("render_report", swg="health", period="2026Q5", output=str(tmp_path / "x"))
