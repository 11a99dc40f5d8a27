"""The import page when the worker went quiet (swg/views/imports.py): the page
itself gives the job up, offers a retry, and only its owner may retry."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from swg.models import ImportJob
from swg.services import imports
from tests.support.spreadsheets import csv_bytes


@pytest.fixture
def stuck(settings, world, monkeypatch):
    monkeypatch.setattr(imports, "_queue", lambda job_id: None)
    job = imports.import_job_start(
        upload=ContentFile(csv_bytes([["email", "organization"]]), name="c.csv"),
        kind="contacts",
        by=world.secretariat_x,
    )
    imports.import_job_claim(job_id=job.pk)
    then = timezone.now() - dt.timedelta(seconds=settings.IMPORT_JOB_STALE_SECONDS + 1)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=then, progress=79)
    return job


def test_it_shows_progress_while_the_worker_is_heard_from(client, world, stuck):
    ImportJob.objects.filter(pk=stuck.pk).update(heartbeat_at=timezone.now())
    client.force_login(world.secretariat_x)
    html = client.get(f"/contacts/import/{stuck.pk}/").content.decode()
    assert "79%" in html and "Retry" not in html


def test_it_gives_up_a_quiet_job_and_offers_a_retry(client, world, stuck):
    client.force_login(world.secretariat_x)
    html = client.get(f"/contacts/import/{stuck.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "stopped before it finished" in html
    assert f'action="/contacts/import/{stuck.pk}/retry/"' in html

    response = client.post(f"/contacts/import/{stuck.pk}/retry/")
    assert response["Location"] == f"/contacts/import/{stuck.pk}/"
    stuck.refresh_from_db()
    assert (stuck.status, stuck.progress, stuck.message) == (ImportJob.Status.QUEUED, 0, "")


def test_it_refuses_a_retry_of_a_job_that_is_not_stuck(client, world, stuck):
    ImportJob.objects.filter(pk=stuck.pk).update(heartbeat_at=timezone.now())
    client.force_login(world.secretariat_x)
    response = client.post(f"/contacts/import/{stuck.pk}/retry/", follow=True)
    assert "Only an import that stopped before it finished can be retried." in (
        response.content.decode()
    )
    stuck.refresh_from_db()
    assert stuck.status == ImportJob.Status.RUNNING


def test_it_hides_another_users_job_from_retry(client, world, stuck):
    client.force_login(world.secretariat_y)
    assert client.post(f"/contacts/import/{stuck.pk}/retry/").status_code == 404
