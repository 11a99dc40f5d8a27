"""Production settings (``coordination.settings`` with ``DEBUG=off`` from the
environment) plus the benchmark's floor route: what ``bench/load.py`` runs
gunicorn with."""

from coordination.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
