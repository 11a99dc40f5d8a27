"""Private storage: random names, no address, never inside a served folder."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from coordination.storage import PrivateFileURLError, RandomName, check_private_media_root

RANDOM_NAME = re.compile(r"imports/\d{4}/\d{2}/[0-9a-f]{32}(\.[a-z0-9]+)?")


@pytest.mark.parametrize(
    "original, extension",
    [
        ("contacts.csv", ".csv"),
        ("Partner List 2026.XLSX", ".xlsx"),
        ("archive.tar.gz", ".gz"),
        ("no-extension", ""),
        ("../../etc/passwd", ""),
        ("invoice\u202excl.exe", ".exe"),
        ("photo.ph p", ""),
    ],
)
def test_it_names_a_stored_file_by_chance_not_by_its_original_name(original, extension):
    name = RandomName("imports/%Y/%m")(None, original)

    assert RANDOM_NAME.fullmatch(name), name
    assert name.endswith(extension) and "." not in name.rsplit("/", 1)[1].removesuffix(extension)
    assert name != RandomName("imports/%Y/%m")(None, original)


def test_it_keeps_private_files_under_private_media_root_with_no_address(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "elsewhere"
    storage = storages["private"]

    name = storage.save("imports/2026/11/0f3a.csv", ContentFile(b"email\n"))

    assert (tmp_path / "elsewhere" / name).read_bytes() == b"email\n"
    with pytest.raises(PrivateFileURLError):
        storage.url(name)


def test_a_file_field_without_a_storage_is_private_too(settings):
    assert settings.STORAGES["default"] == settings.STORAGES["private"]


@pytest.mark.parametrize("served", ["STATIC_ROOT", "STATICFILES_DIRS"])
def test_it_refuses_to_start_with_private_files_in_a_served_folder(settings, served):
    folder = settings.STATIC_ROOT if served == "STATIC_ROOT" else settings.STATICFILES_DIRS[0]
    settings.PRIVATE_MEDIA_ROOT = os.path.join(folder, "uploads")

    assert [error.id for error in check_private_media_root()] == ["coordination.E001"]


def test_the_default_private_folder_is_outside_every_served_folder():
    assert check_private_media_root() == []


def _settings_in_a_fresh_process(**env) -> subprocess.CompletedProcess:
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['private']))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "coordination.settings", **env},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_s3_option_stores_objects_privately():
    result = _settings_in_a_fresh_process(PRIVATE_STORAGE="s3", PRIVATE_S3_BUCKET="swg-files")

    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout)["OPTIONS"]
    assert (options["bucket_name"], options["default_acl"]) == ("swg-files", "private")


def test_an_unknown_storage_option_stops_the_start():
    result = _settings_in_a_fresh_process(PRIVATE_STORAGE="public")

    assert result.returncode != 0
    assert "PRIVATE_STORAGE='public'" in result.stderr
