"""/healthz: the load balancer gets up or down; the operators (a token, the
coordination team, administrators) get what is down, including a silent beat
or worker."""

import datetime as dt
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from coordination import health
from coordination.celery import app as celery_app
from coordination.models import Heartbeat

TOKEN = "monitor-token-0123456789abcdef"
BEARER = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


@pytest.fixture(autouse=True)
def _alive(db, settings):
    """Beat and a worker checked in just now; the monitor has a token."""
    settings.HEALTHZ_TOKEN = TOKEN
    settings.HEARTBEAT_STALE_AFTER = 180
    health.heartbeat_record(name=health.BEAT)
    health.heartbeat_record(name=health.WORKER)


@pytest.fixture
def broker_down(monkeypatch):
    # Celery reads these environment variables before its config (CI sets them).
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_BROKER_WRITE_URL", raising=False)
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")


def _silent_for(name: str, seconds: int) -> None:
    Heartbeat.objects.filter(name=name).update(
        seen_at=timezone.now() - dt.timedelta(seconds=seconds)
    )


def test_it_answers_ok_without_login_and_nothing_more(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}
    assert "max-age=0" in response["Cache-Control"]


def test_it_tells_an_anonymous_caller_only_that_it_is_down(client, broker_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down"}


def test_it_names_the_broker_to_a_monitor_with_the_token(client, broker_down):
    response = client.get("/healthz", **BEARER)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert any(problem.startswith("broker") for problem in body["problems"])


def test_it_gives_no_detail_for_a_wrong_token(client, broker_down):
    response = client.get("/healthz", HTTP_AUTHORIZATION="Bearer guessed")
    assert response.json() == {"status": "down"}


def test_it_gives_no_detail_for_any_token_when_none_is_set(client, settings):
    settings.HEALTHZ_TOKEN = ""
    assert client.get("/healthz", HTTP_AUTHORIZATION="Bearer ").json() == {"status": "ok"}


@pytest.mark.parametrize(
    ("who", "detail"),
    [("coordination", True), ("admin", True), ("secretariat_x", False), ("partner_a", False)],
)
def test_it_shows_the_detail_to_the_coordination_team_and_administrators(
    client, world, who, detail
):
    client.force_login(getattr(world, who))
    body = client.get("/healthz").json()
    assert ("problems" in body) is detail


def test_it_names_the_database_when_it_fails(client):
    with mock.patch.object(health.connection, "cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz", **BEARER)
    assert response.status_code == 503
    assert response.json()["problems"][0] == "database: OperationalError"


def test_it_names_beat_when_beat_has_been_silent(client):
    _silent_for(health.BEAT, 300)
    _silent_for(health.WORKER, 300)  # no tick to run either: beat is the cause

    response = client.get("/healthz", **BEARER)

    assert response.status_code == 503
    (problem,) = response.json()["problems"]
    assert problem.startswith("beat: last heartbeat 30")


def test_it_names_the_worker_when_beats_ticks_are_not_consumed(client):
    _silent_for(health.WORKER, 300)

    response = client.get("/healthz", **BEARER)

    assert response.status_code == 503
    (problem,) = response.json()["problems"]
    assert problem.startswith("worker: last heartbeat 30")
    assert set(response.json()["last_seen"]) == {"beat", "worker"}


def test_it_is_down_before_beat_ever_checked_in(client):
    Heartbeat.objects.all().delete()
    response = client.get("/healthz", **BEARER)
    assert response.status_code == 503
    assert response.json()["problems"] == ["beat: no heartbeat yet"]


def test_it_is_ok_within_the_threshold(client):
    _silent_for(health.BEAT, 170)
    _silent_for(health.WORKER, 170)
    assert client.get("/healthz").status_code == 200


def test_it_answers_the_container_healthcheck_under_production_settings(client, settings):
    # docker-compose.yml: curl -fsS http://127.0.0.1:8000/healthz inside the web container,
    # with DEBUG off (SSL redirect on) and ALLOWED_HOSTS set to the public name (.env.example).
    settings.ALLOWED_HOSTS = ["swg.planning.gov.ly"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
