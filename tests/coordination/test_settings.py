"""Settings fail loudly on a value they do not understand (a boolean, a port, a
missing SECRET_KEY with DEBUG off), and create no folder."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from coordination.env import parse_bool, parse_int

ROOT = Path(settings.BASE_DIR)
PRINT_SETTINGS = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.EMAIL_USE_TLS, settings.AXES_ENABLED, settings.EMAIL_PORT)"
)


def _load_settings(tmp_path, **env):
    """Import the settings in a fresh interpreter, as a start would."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"EMAIL_USE_TLS", "AXES_ENABLED", "EMAIL_PORT", "DATABASE_URL"}
        and not key.startswith("CELERY_")
    }
    environ.update(DJANGO_SETTINGS_MODULE="coordination.settings", VAR_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(("name", "value"), [("EMAIL_USE_TLS", "ture"), ("AXES_ENABLED", "ye")])
def test_it_refuses_to_start_with_a_boolean_it_does_not_know(tmp_path, name, value):
    result = _load_settings(tmp_path, **{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{name}='{value}'" in result.stderr


def test_it_refuses_to_start_with_a_port_that_is_not_a_number(tmp_path):
    result = _load_settings(tmp_path, EMAIL_PORT="58 7")
    assert result.returncode != 0
    assert "EMAIL_PORT='58 7' is not a whole number" in result.stderr


def test_it_starts_with_known_words(tmp_path):
    result = _load_settings(tmp_path, EMAIL_USE_TLS="On", AXES_ENABLED="NO", EMAIL_PORT="587")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "587"]


def test_it_uses_the_defaults_when_nothing_is_set(tmp_path):
    result = _load_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "25"]


def test_it_creates_no_folder_on_import(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    result = _load_settings(var)
    assert result.returncode == 0, result.stderr
    assert list(var.iterdir()) == []


@pytest.mark.parametrize("word", ["true", "TRUE", "1", "yes", "Yes", "on", " on "])
def test_it_reads_true_words(word):
    assert parse_bool("X", word) is True


@pytest.mark.parametrize("word", ["false", "False", "0", "no", "NO", "off", "Off"])
def test_it_reads_false_words(word):
    assert parse_bool("X", word) is False


@pytest.mark.parametrize("word", ["", "ture", "ye", "2", "enabled", "none"])
def test_it_refuses_other_words(word):
    with pytest.raises(ImproperlyConfigured, match="X="):
        parse_bool("X", word)


@pytest.mark.parametrize("raw", ["", "ten", "1.5", "0x10"])
def test_it_refuses_a_number_it_cannot_read(raw):
    with pytest.raises(ImproperlyConfigured, match="X="):
        parse_int("X", raw)


def _start_django(**env):
    environ = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environ.update(DJANGO_SETTINGS_MODULE="coordination.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = _start_django(DEBUG="off")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_it_starts_with_a_real_secret_key_when_debug_is_off():
    result = _start_django(DEBUG="off", SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr
