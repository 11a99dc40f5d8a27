"""No uploaded file is reachable by an address of its own, in any mode: the
old /media/ paths answer 404 under `make run` (DEBUG) as in production."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.urls import clear_url_caches
from django.utils import timezone

from swg.models import ImportJob

CONTENT = b"email,organization\nsalma@who.example,WHO\n"


def _reload_urls():
    clear_url_caches()
    importlib.reload(importlib.import_module("coordination.urls"))
    clear_url_caches()


@pytest.fixture(params=["debug", "production"])
def mode(request, settings, tmp_path):
    """The URLs as `make run` (DEBUG) or gunicorn with WhiteNoise build them."""
    settings.DEBUG = request.param == "debug"
    if not settings.DEBUG:
        settings.STATIC_ROOT = tmp_path / "staticfiles"
        settings.STATIC_ROOT.mkdir()
        settings.MIDDLEWARE = [
            *settings.MIDDLEWARE[:2],
            "whitenoise.middleware.WhiteNoiseMiddleware",
            *settings.MIDDLEWARE[2:],
        ]
    _reload_urls()
    yield request.param
    settings.DEBUG = False
    _reload_urls()


@pytest.mark.parametrize("who", ["anonymous", "partner_b", "secretariat_y"])
def test_an_upload_is_not_served_at_a_media_address(client, world, mode, who):
    job = ImportJob.objects.create(
        file=ContentFile(CONTENT, name="contacts.csv"),
        original_name="contacts.csv",
        created_by=world.secretariat_x,
    )
    if who != "anonymous":
        client.force_login(getattr(world, who))
    guessed = timezone.now().strftime("/media/imports/%Y/%m/contacts.csv")

    for address in (guessed, f"/media/{job.file.name}", f"/static/{job.file.name}"):
        response = client.get(address)
        assert response.status_code == 404, (mode, who, address)
        assert CONTENT not in b"".join(getattr(response, "streaming_content", [response.content]))
