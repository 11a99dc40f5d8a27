"""The progress report pages (reports/views.py): open a report, edit the
narrative, render with a JSON status to poll, download, approve; another
group's report is 404."""

from django.urls import reverse

from reports.models import ProgressReport, ReportGeneration
from tests.factories import make_report, make_tco
from tests.support.pdfs import pdf_text


def _url(name, report, *args):
    return reverse(f"reports:{name}", args=[report.swg.slug, report.period.code, *args])


def test_the_secretariat_opens_a_report_for_a_period(client, world):
    client.force_login(world.secretariat_x)
    response = client.post(reverse("reports:open", args=["health"]), {"period": "2026Q3"})
    report = ProgressReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.period.code == "2026Q3" and report.created_by == world.secretariat_x
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Progress report — Q3 2026" in page and "Figures from the portal" in page


def test_the_narrative_is_saved_sanitized(client, world):
    report = make_report(world)
    client.force_login(world.secretariat_x)
    response = client.post(
        _url("narrative", report),
        {"summary_en": "<p>Good</p><script>x</script>", "summary_ar": "<p>جيد</p>"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.summary_en == "<p>Good</p>" and report.summary_ar == "<p>جيد</p>"


def test_generating_answers_a_status_to_poll_and_a_download(
    client, world, django_capture_on_commit_callbacks
):
    report = make_report(world)
    client.force_login(world.secretariat_x)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("generate", report), {"language": "en"})
    assert response.status_code == 302
    generation = ReportGeneration.objects.get()
    status = client.get(_url("report_status", report, generation.pk)).json()
    assert status["status"] == "done" and status["progress"] == 100 and status["finished"]
    assert status["download"] == _url("report_download", report, generation.pk)
    download = client.get(status["download"])
    assert download["Content-Type"] == "application/pdf"
    assert "Progress report" in pdf_text(b"".join(download.streaming_content))


def test_the_chair_approves_and_the_report_is_sent(
    client, world, django_capture_on_commit_callbacks
):
    make_tco(contacts=1)
    report = make_report(world)
    client.force_login(world.chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("approve", report))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SENT


def test_another_groups_report_is_not_found(client, world):
    report = make_report(world)
    client.force_login(world.secretariat_y)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:swg_reports", args=["health"])).status_code == 404
    client.force_login(world.partner_a)
    assert client.get(report.get_absolute_url()).status_code == 404


def test_an_unknown_period_is_not_found(client, world):
    client.force_login(world.secretariat_x)
    assert client.get(reverse("reports:detail", args=["health", "2026Q9"])).status_code == 404
    assert client.get(reverse("reports:detail", args=["health", "2026Q1"])).status_code == 404


def test_approving_without_a_recipient_office_warns(
    client, world, django_capture_on_commit_callbacks
):
    from django.contrib.messages import WARNING, get_messages

    report = make_report(world)
    world.chair.language = "en"  # the message is read in English here
    world.chair.save()
    client.force_login(world.chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("approve", report))
    warnings = [m.message for m in get_messages(response.wsgi_request) if m.level == WARNING]
    assert any("not emailed" in m for m in warnings)


def test_a_rendering_that_never_finishes_is_given_up(client, world):
    import datetime as dt

    from django.utils import timezone

    report = make_report(world)
    generation = ReportGeneration.objects.create(report=report, language="ar")
    ReportGeneration.objects.filter(pk=generation.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=16)
    )
    client.force_login(world.secretariat_x)
    status = client.get(_url("report_status", report, generation.pk)).json()
    assert status["status"] == "failed" and status["finished"] and status["message"]


def test_a_fresh_rendering_keeps_waiting(client, world):
    report = make_report(world)
    generation = ReportGeneration.objects.create(report=report, language="ar")
    client.force_login(world.secretariat_x)
    status = client.get(_url("report_status", report, generation.pk)).json()
    assert status["status"] == "queued" and not status["finished"]


def test_the_reports_figures_show_a_new_meeting_at_once(client, world):
    from tests.factories import held_meeting

    report = make_report(world)  # the quarter of a week ago
    client.force_login(world.secretariat_x)

    def figures():
        page = client.get(report.get_absolute_url()).content.decode()
        return page.split("Figures from the portal", 1)[1]

    before = figures()
    assert 'data-testid="no-data"' in before and figures() == before
    held_meeting(world, days_ago=7)  # in the report's quarter
    assert 'data-testid="no-data"' not in figures()
