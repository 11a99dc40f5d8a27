"""The replies mailbox settings (README "Calendar replies"): beat reads it only
when it is configured, and a half or unsafe configuration stops the start."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

MAILBOX = {
    "CALENDAR_REPLIES_ADDRESS": "replies@swg.planning.gov.ly",
    "CALENDAR_REPLIES_IMAP_HOST": "imap.planning.gov.ly",
    "CALENDAR_REPLIES_IMAP_USER": "replies",
}


def _start(env: dict) -> subprocess.CompletedProcess:
    """Load the settings in a fresh interpreter, as a start would, and print
    the beat entry that reads the mailbox."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps(settings.CELERY_BEAT_SCHEDULE.get('calendar-replies')))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "coordination.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_beat_reads_the_replies_mailbox_only_when_it_is_configured():
    off = _start({})
    on = _start({**MAILBOX, "CALENDAR_REPLIES_INTERVAL": "120"})

    assert json.loads(off.stdout.splitlines()[-1]) is None
    assert json.loads(on.stdout.splitlines()[-1]) == {
        "task": "swg.tasks.calendar_replies_fetch_task",
        "schedule": 120.0,
    }


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({**MAILBOX, "CALENDAR_REPLIES_IMAP_SECURITY": "tls"}, "not one of ssl, starttls, none"),
        ({**MAILBOX, "CALENDAR_REPLIES_IMAP_SECURITY": "none"}, "sends the password in clear"),
        ({**MAILBOX, "CALENDAR_REPLIES_ADDRESS": ""}, "needs CALENDAR_REPLIES_ADDRESS"),
        ({**MAILBOX, "CALENDAR_REPLIES_IMAP_PORT": "nine"}, "is not a whole number"),
    ],
)
def test_it_refuses_to_start_with_a_half_or_unsafe_mailbox(env, message):
    result = _start(env)
    assert result.returncode != 0 and message in result.stderr
