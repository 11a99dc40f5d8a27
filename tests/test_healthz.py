"""/healthz: asked by the load balancer without login; 503 names what is down."""

from unittest import mock

from django.db import OperationalError

from coordination import views


def test_it_answers_ok_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "ok"
    assert "max-age=0" in response["Cache-Control"]


def test_it_answers_503_naming_the_broker_when_it_is_unreachable(client, db, monkeypatch):
    # Celery reads these environment variables before its config (CI sets them).
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_BROKER_WRITE_URL", raising=False)
    monkeypatch.setattr(views.celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert any(problem.startswith("broker") for problem in body["problems"])


def test_it_answers_503_naming_the_database_when_it_fails(client, db):
    with mock.patch.object(views.connection, "cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["problems"][0] == "database: OperationalError"


def test_it_answers_the_container_healthcheck_under_production_settings(client, db, settings):
    # docker-compose.yml: curl -fsS http://127.0.0.1:8000/healthz inside the web container,
    # with DEBUG off (SSL redirect on) and ALLOWED_HOSTS set to the public name (.env.example).
    settings.ALLOWED_HOSTS = ["swg.planning.gov.ly"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
