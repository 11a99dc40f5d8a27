"""Read settings as a fresh start would: in a new interpreter, with a given environment.

Settings derive values from the environment once, at import; a test that needs
what a production environment variable turns on asks a new process::

    from tests.support.settings_process import settings_under

    values = settings_under({"REVERSE_PROXY_COUNT": "1"}, "AXES_IPWARE_PROXY_COUNT")
"""

import json
import os
import subprocess
import sys

from django.conf import settings

_PRINT = (
    "import json, sys, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({n: getattr(settings, n) for n in sys.argv[1:]}))"
)


def settings_under(env: dict[str, str], *names: str) -> dict:
    """The named settings (JSON-decoded) when the portal starts with ``env`` added."""
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "coordination.settings", **env}
    result = subprocess.run(
        [sys.executable, "-c", _PRINT, *names],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


_GET = (
    "import json, sys, django; django.setup(); from django.test import Client; "
    "r = Client().get(sys.argv[1]); "
    "body = b''.join(r.streaming_content) if r.streaming else r.content; r.close(); "
    "print(json.dumps({'status': r.status_code, 'body': body.decode()}))"
)


def get_under(env: dict[str, str], path: str) -> dict:
    """``{"status": …, "body": …}`` of an anonymous GET of ``path`` when the portal
    starts with ``env`` added (the error pages depend on DEBUG, read at start)."""
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "coordination.settings", **env}
    result = subprocess.run(
        [sys.executable, "-c", _GET, path],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
