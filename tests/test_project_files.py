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


def _media_mount(service):
    for volume in service.get("volumes", []):
        source, _sep, target = volume.partition(":")
        if source == "media":
            return target.split(":")[0]
    return None


def test_it_mounts_the_media_volume_at_media_root_on_web(compose):
    web = compose["services"]["web"]
    assert "media" in compose["volumes"]
    assert _media_mount(web) == web["environment"]["MEDIA_ROOT"]


def test_it_shares_the_media_volume_with_the_worker(compose):
    # The import task runs on the worker and reads the file the web process saved.
    assert _media_mount(compose["services"]["worker"]) == _media_mount(compose["services"]["web"])


def test_it_checks_the_web_service_through_healthz(compose):
    assert "/healthz" in " ".join(compose["services"]["web"]["healthcheck"]["test"])


def test_it_has_no_model_changes_without_a_migration(db):
    # Exits with SystemExit(1) when a migration is missing.
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)
