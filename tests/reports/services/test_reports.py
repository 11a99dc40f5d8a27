"""Writing, rendering, approving and sending a progress report
(reports/services/reports.py): the PDF read back as text, the progress the
Celery job records, the archive and the outbox."""

import pytest
from django.core.exceptions import ValidationError

from coordination.models import OutboxMessage
from coordination.pdf import render_pdf_html
from reports.models import ProgressReport, ReportGeneration
from reports.selectors.report_data import report_data
from reports.services.reports import (
    narrative_clean,
    progress_report_context,
    progress_report_pdf,
    report_approve,
    report_generate,
    report_narrative_save,
)
from swg.models import Document
from tests.factories import held_meeting, make_project, make_report, make_tco
from tests.support.pdfs import pdf_pages, pdf_text, words


def test_the_narrative_keeps_simple_formatting_and_drops_the_rest():
    dirty = (
        '<p onclick="x()">Good <strong>progress</strong><script>alert(1)</script></p>'
        '<img src="file:///etc/passwd"><a href="javascript:alert(1)">bad</a>'
        '<a href="https://planning.gov.ly" style="color:red">MoP</a><ul><li>one</li></ul>'
    )
    clean = narrative_clean(dirty)
    assert "<p>Good <strong>progress</strong></p>" in clean
    assert "script" not in clean and "onclick" not in clean and "<img" not in clean
    assert "javascript" not in clean and "style" not in clean
    assert '<a href="https://planning.gov.ly" rel="noopener noreferrer">MoP</a>' in clean
    assert "<ul><li>one</li></ul>" in clean
    assert narrative_clean("<p>\u202eevil</p>") == "<p>evil</p>"


def test_the_arabic_report_holds_the_arabic_name_and_the_databases_figures(world):
    held_meeting(world)
    make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    report = make_report(world, summary_ar="<p>تقدم جيد في حملة التطعيم</p>")
    data = report_data(swg=world.swg_x, period=report.period)
    text = words(pdf_text(progress_report_pdf(report=report, language="ar")))
    assert world.swg_x.name_ar in text
    assert "تقدم جيد في حملة التطعيم" in text
    html = render_pdf_html(
        template_name="pdf/reports/progress_report.html",
        context=progress_report_context(report=report, language="ar"),
        language="ar",
    )
    # Each figure the page marks is the database's, and it is in the PDF's text.
    for name, value in (
        ("meetings-held", data.meetings_held),
        ("meetings-planned", data.meetings_planned),
        ("projects", data.projects_total),
        ("action-points", data.action_points_agreed),
    ):
        assert f'data-figure="{name}">{value}<' in html
    assert data.meetings_held == 1 and data.projects_total == 1
    # pdftotext gives Arabic lines in visual order: the percent sign may come first.
    assert f"{data.participants}" in text and ("50%" in text or "%50" in text)


def test_the_page_count_grows_with_the_narrative(world):
    report = make_report(world, summary_en="<p>Short.</p>")
    short = pdf_pages(progress_report_pdf(report=report, language="en"))
    long_text = "".join(
        f"<p>Paragraph {n}: " + "the group met and agreed. " * 25 + "</p>" for n in range(20)
    )
    report = report_narrative_save(report=report, values={"next_steps_en": long_text})
    long = progress_report_pdf(report=report, language="en")
    assert pdf_pages(long) > short
    # The running header "SWG — period" is on a later page.
    assert f"Health — {report.period.label}" in words(pdf_text(long, first=pdf_pages(long)))


def test_a_section_missing_in_arabic_falls_back_to_english_visibly(world):
    report = make_report(world, summary_en="<p>Written in English only.</p>")
    context = progress_report_context(report=report, language="ar")
    summary = context["sections"][0]
    assert summary["fallback"] == "en" and "English only" in summary["text"]
    html = render_pdf_html(
        template_name="pdf/reports/progress_report.html", context=context, language="ar"
    )
    assert 'data-testid="fallback"' in html and 'lang="en"' in html


def test_an_empty_period_says_so_in_the_pdf(world):
    from coordination.periods import Period

    report = make_report(world, period=Period.parse("2019Q2"))
    text = words(pdf_text(progress_report_pdf(report=report, language="en")))
    assert "Nothing was recorded in the portal for this period" in text


def test_the_rendering_job_records_its_progress_and_keeps_the_pdf(
    world, django_capture_on_commit_callbacks
):
    report = make_report(world)
    with django_capture_on_commit_callbacks(execute=True):
        generation = report_generate(report=report, language="ar", by=world.secretariat_x)
    generation.refresh_from_db()
    assert generation.status == ReportGeneration.Status.DONE
    assert [s["progress"] for s in generation.steps] == [10, 40, 80, 100]
    with generation.file.open("rb") as handle:
        assert world.swg_x.name_ar in words(pdf_text(handle.read()))
    assert generation.history.count() >= 2


def test_a_second_delivery_of_the_job_does_nothing(world, django_capture_on_commit_callbacks):
    from reports.services.reports import report_generation_run

    with django_capture_on_commit_callbacks(execute=True):
        generation = report_generate(report=make_report(world), language="en")
    assert report_generation_run(generation_id=generation.pk) == "skipped"


def test_approval_files_both_languages_and_sends_to_the_office(
    world, django_capture_on_commit_callbacks
):
    _office, people = make_tco(contacts=2)
    report = make_report(world, summary_en="<p>Progress.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        report_approve(report=report, by=world.chair)
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SENT and report.approved_by == world.chair
    filed = Document.objects.filter(swg=world.swg_x, category=Document.Category.REPORT)
    assert sorted(filed.values_list("language", flat=True)) == ["ar", "en"]
    assert all(d.versions.count() == 1 for d in filed)
    messages = OutboxMessage.objects.filter(purpose="reports.progress_report")
    assert sorted(messages.values_list("recipient_email", flat=True)) == sorted(
        p.email for p in people
    )
    assert {m.language for m in messages} == {"ar", "en"}
    assert all(m.attachments[0]["render"] == "reports.progress_report_pdf" for m in messages)

    # A corrected narrative goes back to draft; approved again, it is a new
    # version of the same archive documents and is sent again.
    report = report_narrative_save(report=report, values={"summary_en": "<p>Corrected.</p>"})
    assert report.status == ProgressReport.Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        report_approve(report=report, by=world.chair)
    assert filed.count() == 2 and all(d.versions.count() == 2 for d in filed)
    assert OutboxMessage.objects.filter(purpose="reports.progress_report").count() == 4


def test_the_attachment_is_the_archived_pdf_in_the_recipients_language(
    world, django_capture_on_commit_callbacks
):
    from reports.services.reports import progress_report_attachment

    make_tco(contacts=1)
    report = make_report(world)
    with django_capture_on_commit_callbacks(execute=True):
        report_approve(report=report, by=world.chair)
    content = progress_report_attachment(params={"report_id": report.pk}, language="ar")
    assert world.swg_x.name_ar in words(pdf_text(content))


def test_only_a_draft_is_approved(world, django_capture_on_commit_callbacks):
    report = make_report(world)
    with django_capture_on_commit_callbacks(execute=True):
        report_approve(report=report, by=world.chair)
    with pytest.raises(ValidationError):
        report_approve(report=report, by=world.chair)


def test_the_pdf_draws_its_charts_on_the_server(world):
    held_meeting(world)
    make_project(owner=world.org_a, swg=world.swg_x, publish=True)
    report = make_report(world)
    context = progress_report_context(report=report, language="en")
    html = render_pdf_html(
        template_name="pdf/reports/progress_report.html", context=context, language="en"
    )
    assert html.count('<table class="chart chart-bars">') == 2
    assert "<script" not in html
    text = words(pdf_text(progress_report_pdf(report=report, language="en")))
    assert "Projects by status" in text
