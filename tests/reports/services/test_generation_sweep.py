"""Beat's sweep of progress-report renderings (reports/services/reports.py):
a rendering whose worker died or whose task was lost is failed after the time
limit, and its page says why and offers to generate again."""

import datetime as dt

import time_machine
from django.conf import settings
from django.urls import reverse

from reports.models import ReportGeneration
from reports.services.reports import report_generate
from reports.tasks import report_generations_sweep_task
from tests.factories import make_report

START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def _generation(world, *, status=ReportGeneration.Status.QUEUED, language="en"):
    with time_machine.travel(START, tick=False):
        generation = report_generate(
            report=make_report(world), language=language, by=world.secretariat_x
        )
    ReportGeneration.objects.filter(pk=generation.pk).update(status=status)
    return generation


def test_it_fails_a_queued_rendering_past_the_time_limit(world):
    generation = _generation(world)
    with time_machine.travel(START + dt.timedelta(minutes=16), tick=False):
        assert report_generations_sweep_task.run() == 1
    generation.refresh_from_db()
    assert generation.status == ReportGeneration.Status.FAILED
    assert generation.message == ReportGeneration.TIMED_OUT
    assert generation.finished_at == START + dt.timedelta(minutes=16)
    assert "Generate it again" in str(generation.failure_reason)


def test_it_fails_a_running_rendering_whose_worker_died(world):
    generation = _generation(world, status=ReportGeneration.Status.RUNNING)
    with time_machine.travel(START + dt.timedelta(minutes=16), tick=False):
        report_generations_sweep_task.run()
    generation.refresh_from_db()
    assert generation.status == ReportGeneration.Status.FAILED
    assert generation.history.first().status == ReportGeneration.Status.FAILED


def test_it_leaves_a_rendering_within_the_time_limit(world):
    generation = _generation(world)
    with time_machine.travel(START + dt.timedelta(minutes=14), tick=False):
        assert report_generations_sweep_task.run() == 0
    generation.refresh_from_db()
    assert generation.status == ReportGeneration.Status.QUEUED


def test_it_leaves_finished_renderings_alone(world):
    done = _generation(world, status=ReportGeneration.Status.DONE)
    with time_machine.travel(START + dt.timedelta(hours=2), tick=False):
        assert report_generations_sweep_task.run() == 0
    done.refresh_from_db()
    assert done.status == ReportGeneration.Status.DONE and done.message == ""


def test_the_page_says_why_and_offers_to_generate_again(client, world):
    generation = _generation(world)
    with time_machine.travel(START + dt.timedelta(minutes=16), tick=False):
        report_generations_sweep_task.run()
    report = generation.report
    client.force_login(world.secretariat_x)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "was not ready after 15 minutes and was stopped" in page
    assert "Generate the PDF" in page
    status = client.get(
        reverse("reports:report_status", args=[report.swg.slug, report.period.code, generation.pk])
    ).json()
    assert status["finished"] and "was not ready after 15 minutes" in status["message"]


def test_beat_runs_the_sweep():
    entry = settings.CELERY_BEAT_SCHEDULE["report-generations-sweep"]
    assert entry["task"] == report_generations_sweep_task.name
    assert entry["schedule"] <= settings.REPORT_GENERATION_TIME_LIMIT
