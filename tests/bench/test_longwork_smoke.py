"""``bench/longwork.py --smoke`` runs and prints every figure (no timing is
asserted: speed is measured by the benchmark, never by a test)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.workers import need_worker_services, test_database_url

pytestmark = pytest.mark.services

SCRIPT = Path(settings.BASE_DIR) / "bench" / "longwork.py"


def test_the_long_work_benchmark_prints_each_figure_in_smoke_mode(transactional_db):
    broker = need_worker_services()
    # Its own databases, named after the test database (``…_longwork``).
    env = {**os.environ, "DATABASE_URL": test_database_url(), "CELERY_BROKER_URL": broker}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    out = done.stdout
    for expected in (
        "import 200-row XLSX vs openpyxl read",
        "import 200-row project XLSX vs openpyxl read",
        "contacts XLSX vs openpyxl write-only",
        "contacts vCard vs vobject",
        "monthly schedule to",
        "invitations to",
        "of raw   target ≥ 50 %",
        "Arabic progress report, ",
        " pages",
        "gathering data",
        "long work done",
    ):
        assert expected in out, out
