"""Deployment files and migrations stay in step with the code."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

COMPOSE = Path(settings.BASE_DIR) / "docker-compose.yml"
SERVICES = ("web", "worker", "beat", "postgres", "redis")


@pytest.fixture(scope="module")
def compose():
    assert COMPOSE.exists(), "docker-compose.yml is missing"
    return yaml.safe_load(COMPOSE.read_text())


@pytest.mark.parametrize("name", SERVICES)
def test_it_defines_the_service_with_a_healthcheck(compose, name):
    service = compose["services"][name]
    assert service["healthcheck"]["test"]


def _mount(service, volume_name):
    for volume in service.get("volumes", []):
        source, _sep, target = volume.partition(":")
        if source == volume_name:
            return target.split(":")[0]
    return None


def test_it_mounts_the_private_files_volume_at_private_media_root_on_web(compose):
    web = compose["services"]["web"]
    assert "private" in compose["volumes"]
    assert _mount(web, "private") == web["environment"]["PRIVATE_MEDIA_ROOT"]


def test_it_shares_the_private_files_volume_with_the_worker(compose):
    # The import task runs on the worker and reads the file the web process saved.
    web, worker = compose["services"]["web"], compose["services"]["worker"]
    assert _mount(worker, "private") == _mount(web, "private")


@pytest.mark.parametrize("name", ["web", "worker"])
def test_it_keeps_backups_in_their_own_volume(compose, name):
    # The nightly backup runs on the worker; `manage.py backup` by hand on web.
    service = compose["services"][name]
    assert "backups" in compose["volumes"]
    assert _mount(service, "backups") == service["environment"]["BACKUP_DIR"]


def test_the_image_has_the_postgresql_client_for_backups():
    assert "postgresql-client" in (Path(settings.BASE_DIR) / "Dockerfile").read_text()


def test_it_checks_the_web_service_through_healthz(compose):
    assert "/healthz" in " ".join(compose["services"]["web"]["healthcheck"]["test"])


def test_it_has_no_model_changes_without_a_migration(db):
    # Exits with SystemExit(1) when a migration is missing.
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


@pytest.mark.parametrize("path", ["Dockerfile", ".ci/run", "Makefile"])
def test_it_installs_pango_and_the_pdf_fonts(path):
    # coordination/pdf.py: Pango shapes Arabic with Amiri / Noto Naskh Arabic.
    text = (Path(settings.BASE_DIR) / path).read_text()
    for package in ("libpangoft2-1.0-0", "fonts-hosny-amiri", "fonts-noto-core"):
        assert package in text


def test_ci_has_poppler_to_read_pdfs_back():
    assert "poppler-utils" in (Path(settings.BASE_DIR) / ".ci/run").read_text()
