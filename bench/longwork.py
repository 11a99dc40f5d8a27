"""Long work against its libraries' own speed (targets in bench/README.md
"Long work"); prints figures, asserts none.

Usage: ``.venv/bin/python bench/longwork.py [--smoke]`` (``make bench`` runs it
after the page benchmarks). Needs PostgreSQL (``DATABASE_URL``) and Redis
(``CELERY_BROKER_URL``): the fan-out goes through a real Celery worker. It
works in its own database, ``<DATABASE_URL's name>_longwork``, copied afresh
on each run from a migrated template (``…_longwork_tpl``), so no other
database is touched. ``--smoke``: tiny sizes, one repeat (a check that every
line prints, not a measurement).

Each line: what was timed, the portal's seconds, the library's seconds on the
same input, their ratio and the target.
"""

import argparse
import io
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _database_urls(base: str) -> tuple[str, str]:
    parts = urlsplit(base)
    name = parts.path.lstrip("/") or "swg"
    return tuple(
        urlunsplit(parts._replace(path=f"/{name}_{suffix}"))
        for suffix in ("longwork_tpl", "longwork")
    )


def prepare_database() -> str:
    """A fresh copy of a migrated template database; returns its URL."""
    import psycopg2

    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit(
            "bench/longwork.py needs DATABASE_URL=postgres://… (and Redis in CELERY_BROKER_URL)"
        )
    template_url, run_url = _database_urls(base)
    template, run = (urlsplit(u).path.lstrip("/") for u in (template_url, run_url))
    admin_url = urlunsplit(urlsplit(base)._replace(path="/postgres"))

    def admin_sql(*statements):
        connection = psycopg2.connect(admin_url)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                for statement, params in statements:
                    cursor.execute(statement, params)
                    if cursor.description:
                        return cursor.fetchone()
        finally:
            connection.close()
        return None

    if not admin_sql(("SELECT 1 FROM pg_database WHERE datname = %s", [template])):
        admin_sql((f'CREATE DATABASE "{template}"', None))
    # In another process, so that no connection to the template is left open.
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"],
        env={**os.environ, "DATABASE_URL": template_url},
        check=True,
    )
    admin_sql(
        (f'DROP DATABASE IF EXISTS "{run}" WITH (FORCE)', None),
        (f'CREATE DATABASE "{run}" TEMPLATE "{template}"', None),
    )
    return run_url


def _setup_django(run_url: str, media: str) -> None:
    os.environ["DATABASE_URL"] = run_url
    os.environ["PRIVATE_MEDIA_ROOT"] = media
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coordination.settings")
    os.environ.setdefault("AXES_ENABLED", "off")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    # WeasyPrint reports every layout step at INFO.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]


def line(label: str, portal: float, library: float, target: str, note: str = "") -> None:
    ratio = portal / library if library else float("inf")
    print(
        f"{label:44} portal {portal:8.3f} s   library {library:8.3f} s   "
        f"{ratio:5.2f}×   target {target}{('   ' + note) if note else ''}",
        flush=True,
    )


def best(repeats: int, fn) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


# ---------------------------------------------------------------- import


def bare_read(content: bytes) -> None:
    """openpyxl reading every row of a workbook: the library's own cost of an import."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    for _row in workbook.active.iter_rows(values_only=True):
        pass
    workbook.close()


def contact_file(rows: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Contacts")
    sheet.append(["name_en", "name_ar", "title_en", "organization", "email", "mobile", "gender"])
    for n in range(rows):
        sheet.append(
            [
                f"Person {n} Example",
                f"شخص رقم {n}",
                "Programme officer",
                "WHO",
                f"bench{n}@example.org",
                f"+218 91 {n:07d}",
                "female" if n % 2 else "male",
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def bench_import(rows: int, repeats: int, user) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from swg.models import Contact
    from swg.services import imports
    from swg.services.contacts import contacts_import_start

    content = contact_file(rows)

    library = best(repeats, lambda: bare_read(content))
    imports._queue = lambda job_id: None  # run here, timed, instead of by a worker
    portal_times = []
    for _ in range(repeats):
        Contact.objects.filter(email__startswith="bench").delete()
        job = contacts_import_start(upload=SimpleUploadedFile("contacts.xlsx", content), by=user)
        start = time.perf_counter()
        status = imports.import_job_run(job_id=job.pk)
        portal_times.append(time.perf_counter() - start)
        assert status == "done", status
    assert Contact.objects.filter(email__startswith="bench").count() == rows
    line(f"import {rows:,}-row XLSX vs openpyxl read", min(portal_times), library, "≤ 4×")


def project_file(rows: int) -> bytes:
    """New Health projects, every column a partner fills in usually filled."""
    from openpyxl import Workbook

    from projects_db.exchange import spreadsheet

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Projects")
    sheet.append(spreadsheet.header("en"))
    values = {
        "organization": "WHO",
        "swg": "health",
        "status": "2 – Ongoing",
        "planned_start": "2026-01-01",
        "planned_end": "2027-06-30",
        "nationwide": "no",
        "districts": "LY-SB; LY-TB",
        "implementing": "WHO",
        "currency": "USD",
        "budget": "2026: 150000; 2027: 75000",
        "committed": "2026-02-01: 90000",
        "disbursed": "2026-04-01: 45000",
    }
    for n in range(rows):
        row = {
            **values,
            "title_en": f"Primary health care, clinic {n}",
            "title_ar": f"الرعاية الصحية الأولية، العيادة رقم {n}",
            "description_en": "Staff, medicines and training for one clinic.",
        }
        sheet.append([row.get(key, "") for key in spreadsheet.KEYS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def bench_project_import(rows: int, repeats: int, user) -> None:
    """The project import as a person runs it: the preview run (checks every
    row, saves nothing), then the confirmed run (checks again and saves all
    in one transaction), against openpyxl's bare read of the same file. The
    confirmed run is timed once: it creates the projects."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from projects_db.models import Project
    from projects_db.services.exchange import projects_import_start
    from swg.models import Organization
    from swg.services import imports

    content = project_file(rows)

    library = best(repeats, lambda: bare_read(content))
    imports._queue = lambda job_id: None  # run here, timed, instead of by a worker
    who = Organization.objects.get(acronym="WHO")
    before = Project.objects.count()
    job = projects_import_start(
        upload=SimpleUploadedFile("projects.xlsx", content), by=user, organization=who
    )
    start = time.perf_counter()
    status = imports.import_job_run(job_id=job.pk)
    preview = time.perf_counter() - start
    assert status == "checked", (status, job.__class__.objects.get(pk=job.pk).errors[:3])
    imports.import_job_confirm(job=job, by=user)
    start = time.perf_counter()
    status = imports.import_job_run(job_id=job.pk)
    confirmed = time.perf_counter() - start
    assert status == "done", status
    assert Project.objects.count() == before + rows
    line(
        f"import {rows:,}-row project XLSX vs openpyxl read",
        confirmed,
        library,
        "≤ 4×",
        f"(check + save; the preview run {preview:.1f} s, {preview / library:.2f}×)",
    )


# ---------------------------------------------------------------- exports


def bench_exports(repeats: int, client) -> None:
    import csv
    import tempfile as tf

    from openpyxl import Workbook

    from swg.exchange.contacts import ContactRow, export_vcard
    from swg.models import Contact

    values = list(
        Contact.objects.select_related("organization")
        .order_by("pk")
        .values_list(
            "name_en",
            "name_ar",
            "title_en",
            "title_ar",
            "organization__acronym",
            "email",
            "mobile",
            "landline",
            "gender",
            "languages",
            "preferred_language",
        )
    )

    def download(url):
        def run():
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            for _piece in response.streaming_content:
                pass

        return run

    def openpyxl_write():
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Contacts")
        for row in values:
            sheet.append(row)
        with tf.SpooledTemporaryFile(max_size=4 * 1024 * 1024) as out:
            workbook.save(out)

    # The same cards as the export, from rows already in memory: vobject's own cost.
    contact_rows = [ContactRow(contact=c) for c in Contact.objects.select_related("organization")]

    def vobject_serialise():
        for _piece in export_vcard(contact_rows):
            pass

    def csv_write():
        writer = csv.writer(io.StringIO())
        for row in values:
            writer.writerow(row)

    n = len(values)
    for label, url, library_fn in (
        ("XLSX vs openpyxl write-only", "/contacts/export.xlsx", openpyxl_write),
        ("vCard vs vobject", "/contacts/export.vcf", vobject_serialise),
        ("CSV vs csv.writer", "/contacts/export.csv", csv_write),
    ):
        line(
            f"export {n:,} contacts {label}",
            best(repeats, download(url)),
            best(repeats, library_fn),
            "≤ 2×" if "csv.writer" not in label else "(streamed; for reference)",
        )


# ---------------------------------------------------------------- fan-out


def bench_fanout(recipients: int, log_dir: Path) -> None:
    """The monthly schedule, then invitations to a meeting, to the same
    ``recipients`` people through the outbox and a real worker."""
    import datetime as dt
    import functools

    from django.utils import timezone

    from coordination import outbox
    from coordination.tasks import outbox_send_batch_task, outbox_send_task
    from swg.models import SWG, Contact, Membership
    from swg.services.invitations import invitations_add, invitations_send
    from swg.services.meetings import meeting_plan
    from swg.services.schedule import monthly_schedule_send
    from tests.support.smtp import LocalSMTPServer
    from tests.support.workers import Workers, need_worker_services

    health = SWG.objects.filter(is_active=True).order_by("number").first()
    people = list(Contact.objects.filter(email__startswith="bench").order_by("pk")[:recipients])
    today = timezone.localdate()
    Membership.objects.bulk_create(
        Membership(
            swg=health,
            organization=person.organization,
            contact=person,
            role=Membership.Role.MEMBER,
            start_date=today - dt.timedelta(days=30),
        )
        for person in people
    )
    following = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    starts = timezone.make_aware(dt.datetime.combine(following + dt.timedelta(days=9), dt.time(10)))
    meeting = meeting_plan(
        swg=health,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        title_en="Health SWG monthly meeting",
        title_ar="الاجتماع الشهري لمجموعة الصحة",
        venue_en="Ministry of Planning",
    )
    invitations_add(meeting=meeting, contacts=people)
    server = LocalSMTPServer().start()
    broker = need_worker_services()
    from coordination.celery import app

    app.conf.task_always_eager = False
    try:
        with Workers(
            broker=broker, env=server.env(), log_dir=log_dir, prefix="bench-fanout"
        ) as pool:
            outbox._queue = functools.partial(pool.dispatch, outbox_send_task)
            outbox._queue_batch = functools.partial(pool.dispatch, outbox_send_batch_task)
            pool.start(concurrency=2)
            _timed_fanout(
                "monthly schedule to {} recipients",
                lambda: monthly_schedule_send(year=following.year, month=following.month),
                server,
            )
            _timed_fanout(
                "invitations to {} invitees",
                lambda: invitations_send(meeting=meeting),
                server,
            )
    finally:
        server.stop()


def _timed_fanout(label: str, send, server) -> None:
    """Time ``send`` (it stores messages and returns how many) and the worker
    delivering them, against smtplib sending the same messages on one connection."""
    import smtplib

    from coordination import outbox
    from coordination.models import OutboxMessage

    server.reset()
    before = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    start = time.perf_counter()
    queued = send()
    enqueued = time.perf_counter()
    these = OutboxMessage.objects.filter(pk__gt=before)
    deadline = time.monotonic() + 600
    while these.filter(status="sent").count() < queued:
        if time.monotonic() > deadline:
            raise SystemExit("the fan-out did not finish within 10 minutes")
        time.sleep(0.05)
    done = time.perf_counter()
    received = server.count_by_recipient()
    assert len(server.messages) == queued and set(received.values()) == {1}, "not one each"
    connections = server.connections
    # The same messages, already built, through smtplib on one connection.
    raw = [
        (m.recipient_email, outbox._build_email(m, None).message().as_bytes(linesep="\r\n"))
        for m in these.order_by("pk")
    ]
    server.reset()
    start_raw = time.perf_counter()
    with smtplib.SMTP(server.host, server.port) as smtp:
        for recipient, message in raw:
            smtp.sendmail("bench@example.org", [recipient], message)
    raw_seconds = time.perf_counter() - start_raw
    send_seconds = done - enqueued
    print(
        f"{label.format(format(queued, ',')):44} "
        f"render+store {enqueued - start:6.3f} s   worker send {send_seconds:6.3f} s "
        f"({queued / send_seconds:6.0f}/s, {connections} SMTP connections)   "
        f"smtplib {raw_seconds:6.3f} s ({queued / raw_seconds:6.0f}/s)   "
        f"rate {raw_seconds / send_seconds:4.0%} of raw   target ≥ 50 %",
        flush=True,
    )


# ---------------------------------------------------------------- report


# Health projects published in the report's period: with the three narrative
# sections full, the report comes to about twenty pages.
REPORT_PROJECTS = 120
ARABIC_PARAGRAPH = (
    "<p>عقدت مجموعة العمل القطاعية للصحة اجتماعاتها الشهرية بانتظام خلال الفترة، وناقشت "
    "خطط الرعاية الصحية الأولية وتوزيع الأدوية الأساسية على البلديات في الجنوب والشرق، "
    "وتابعت نقاط العمل المفتوحة مع الشركاء ووزارة الصحة ووزارة التخطيط.</p>"
)


def report_projects(swg, count: int, user) -> None:
    """``count`` Health projects published in the report's period through the
    services, as partners would report them: the portfolio section lists
    each new one (a real group's busy quarter, not padding)."""
    import datetime as dt
    from decimal import Decimal

    from projects_db.models import District, ProjectParticipant, Transaction
    from projects_db.services.projects import project_create, project_publish
    from swg.models import Organization

    owners = list(Organization.objects.filter(acronym__in=["WHO", "UNICEF", "UNFPA", "IOM"]))
    districts = list(District.objects.order_by("code")[:6])
    places = ["سبها", "طرابلس", "بنغازي", "مصراتة", "الكفرة", "غات", "درنة", "الزاوية"]
    works = ["الرعاية الصحية الأولية", "صحة الأم والطفل", "التطعيم", "الأدوية الأساسية"]
    for n in range(count):
        owner = owners[n % len(owners)]
        project = project_create(
            by=user,
            owner=owner,
            swg=swg,
            title_en=f"{['Primary care', 'Maternal health', 'Immunisation', 'Medicines'][n % 4]}"
            f" programme, phase {n + 1}",
            title_ar=f"{works[n % 4]} في {places[n % len(places)]}، المرحلة {n + 1}",
            description_en="Clinics, staff and training.",
            dac_sector="12220",
            status=2,
            planned_start=dt.date(2026, 1, 1),
            planned_end=dt.date(2027, 12, 31),
            currency="USD",
            districts=[districts[n % len(districts)]],
            participants=[
                {"organization": owner, "role": ProjectParticipant.Role.FUNDING},
                {"organization": owner, "role": ProjectParticipant.Role.IMPLEMENTING},
            ],
            budgets=[
                {
                    "period_start": dt.date(2026, 1, 1),
                    "period_end": dt.date(2026, 12, 31),
                    "value": Decimal(100_000 + 1_000 * n),
                    "currency": "USD",
                }
            ],
            transactions=[
                {
                    "type": Transaction.Type.COMMITMENT,
                    "value": Decimal(80_000),
                    "currency": "USD",
                    "value_date": dt.date(2026, 1, 15),
                }
            ],
        )
        project_publish(project=project, by=user)


def bench_report(
    repeats: int, user, *, narrative_share: float = 1.0, projects: int = REPORT_PROJECTS
) -> None:
    from django.utils import timezone
    from pypdf import PdfReader

    from coordination.pdf import render_pdf
    from coordination.periods import Period
    from reports.services.reports import (
        NARRATIVE_MAX,
        progress_report_context,
        report_narrative_save,
        report_open,
    )
    from swg.models import SWG

    swg = SWG.objects.get(slug="health")
    report_projects(swg, projects, user)
    today = timezone.localdate()
    period = Period.parse(f"{today.year}Q{(today.month - 1) // 3 + 1}")
    report = report_open(swg=swg, period=period, by=user)
    # Full narrative sections make the report about twenty pages.
    text = ARABIC_PARAGRAPH * int((NARRATIVE_MAX // len(ARABIC_PARAGRAPH) - 1) * narrative_share)
    report = report_narrative_save(
        report=report,
        values={f"{key}_ar": text for key in ("summary", "achievements", "next_steps")},
        by=user,
    )
    contexts = []
    gather = best(
        repeats, lambda: contexts.append(progress_report_context(report=report, language="ar"))
    )
    pdfs = []
    render = best(
        repeats,
        lambda: pdfs.append(
            render_pdf(
                template_name="pdf/reports/progress_report.html",
                context=contexts[-1],
                language="ar",
            )
        ),
    )
    pages = len(PdfReader(io.BytesIO(pdfs[-1])).pages)
    print(
        f"{'Arabic progress report, ' + str(pages) + ' pages':44} "
        f"gathering data {gather:7.3f} s   rendering {render:7.3f} s   "
        f"total {gather + render:7.3f} s   (a figure, no target)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one repeat")
    # `make bench` passes the page benchmark's size to every script; the long work
    # builds its own inputs of the sizes bench/README.md names, whatever the size.
    parser.add_argument("--size", choices=["S", "M", "L"], default="S", help=argparse.SUPPRESS)
    args = parser.parse_args()
    rows, recipients, repeats = (200, 60, 1) if args.smoke else (10_000, 5_000, 3)
    started = time.perf_counter()
    run_url = prepare_database()
    with tempfile.TemporaryDirectory(prefix="bench-longwork-") as tmp:
        _setup_django(run_url, media=str(Path(tmp) / "media"))
        from django.test import Client

        from accounts.models import User
        from swg.demo import world

        world.build_demo_world()
        user = User.objects.get(email="coordination@demo.ly")
        client = Client()
        client.force_login(user)
        print(
            f"long work ({'smoke' if args.smoke else 'full'}; best of {repeats}; "
            f"{os.cpu_count()} CPUs)",
            flush=True,
        )
        bench_import(rows, repeats, user)
        bench_project_import(rows, repeats, user)
        bench_exports(repeats, client)
        bench_fanout(min(recipients, rows), Path(tmp))
        bench_report(
            repeats,
            user,
            narrative_share=0.05 if args.smoke else 1.0,
            projects=5 if args.smoke else REPORT_PROJECTS,
        )
    print(f"long work done in {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
