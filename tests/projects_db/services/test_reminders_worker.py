"""Exactly-once quarterly reminders across a simulated quarter, with a real
Celery worker, PostgreSQL, Redis and SMTP (DESIGN §5: each reminder "at most
once per recipient and purpose, even when a job runs twice"). The test process
travels through October 2026 with time-machine; the worker runs the daily beat
task for each day, some days twice and one day twice at once."""

import datetime as dt

import pytest
import time_machine

from coordination.models import OutboxMessage
from projects_db.models import Project
from projects_db.selectors.submissions import Sharing, submission_board
from projects_db.services.updates import update_no_change
from projects_db.tasks import quarterly_reminders_task
from tests.factories import build_world, make_project
from tests.support.workers import Workers, need_worker_services, wait_for

pytestmark = pytest.mark.services


@pytest.fixture
def workers(transactional_db, smtp_server, tmp_path):
    broker = need_worker_services()
    from coordination.celery import app

    app.conf.task_always_eager = False  # conftest turns it back on afterwards
    with Workers(
        broker=broker, env=smtp_server.env(), log_dir=tmp_path, prefix="test-reminders"
    ) as pool:
        # The worker queues its emails' send tasks to its own private queue.
        pool.env["CELERY_TASK_DEFAULT_QUEUE"] = pool.queue
        yield pool


def _day(day: str):
    return time_machine.travel(dt.datetime.fromisoformat(f"{day}T07:00+02:00"), tick=True)


def test_each_reminder_goes_once_across_a_quarter(workers, smtp_server):
    world = build_world()
    projects = {
        org: make_project(owner=org, swg=world.swg_x, publish=True)
        for org in (world.org_a, world.org_b)
    }
    worker = workers.start(concurrency=2)
    runs = 0

    def reminder_runs() -> int:
        return sum(
            1
            for line in workers.log_text(worker).splitlines()
            if "quarterly_reminders_task[" in line and "] succeeded in " in line
        )

    def run(day: str, times: int = 1):
        """The day's job, done before the simulated time moves on."""
        nonlocal runs
        for _n in range(times):
            workers.dispatch(quarterly_reminders_task, day)
        runs += times
        wait_for(lambda: reminder_runs() >= runs, timeout=30, what=day, workers=workers)

    with _day("2026-10-01"):
        run("2026-10-01", times=2)  # the quarter opens; the job runs twice
    with _day("2026-10-08"):
        # WHO hands in on time: it is reminded of nothing more.
        update_no_change(project=projects[world.org_a], year=2026, quarter=3, by=world.partner_a)
        run("2026-10-08")
    for day in ("2026-10-10", "2026-10-12", "2026-10-15"):
        with _day(day):
            run(day)
    with _day("2026-10-16"):
        run("2026-10-16", times=2)  # two deliveries of the same day, side by side
    with _day("2026-10-20"):
        run("2026-10-20")

    # opening ×2, reminder to the EU Delegation, escalation to it and to Health's secretariat
    wait_for(
        lambda: len(smtp_server.messages) >= 5, timeout=30, what="five emails", workers=workers
    )
    wait_for(
        lambda: workers.succeeded(worker) >= runs + 5,
        timeout=30,
        what="every task run",
        workers=workers,
    )
    received = sorted(
        (m.rcpt_tos[0], m.subject.split(":")[0].split(" ")[0]) for m in smtp_server.messages
    )
    assert received == sorted(
        [
            (world.partner_a.email, "Q3"),
            (world.partner_b.email, "Q3"),
            (world.partner_b.email, "Reminder"),
            (world.partner_b.email, "Overdue"),
            (world.secretariat_x.email, "[Copy]"),
        ]
    )
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}

    with _day("2026-10-20"):
        (row_a,) = [
            r
            for r in submission_board(
                projects=Project.objects.all(), quarters=[(2026, 3)], today=dt.date(2026, 10, 20)
            )
            if r.organization == world.org_a
        ]
    assert row_a.cells[0].sharing == Sharing.ON_TIME
