"""A real IMAP server for the calendar-reply tests: Debian's ``dovecot-imapd``
started with its own configuration, folders and a free port on 127.0.0.1.

conftest.py loads this module as a plugin, so any test can ask for the fixture::

    def test_it_reads_a_reply(imap_server, settings):
        imap_server.use(settings)            # CALENDAR_REPLIES_IMAP_* point at it
        imap_server.append(raw_message)      # delivered, unread
        ...
        assert imap_server.unseen() == []

The server runs once per test session; every test gets a mailbox of its own
(a new user), so tests never see each other's mail. Without dovecot the
fixture skips locally and fails in CI (``need``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from email import policy
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest

from tests.support.services import need

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
PASSWORD = "replies-secret"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
instance_name = swg-test-{port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# imap-login refuses to run mail processes as root; the folders belong to {user}.
first_valid_uid = 100
log_path = {root}/dovecot.log
mail_location = maildir:{root}/mail/%u
default_internal_user = {user}
default_login_user = {login_user}
# Every user name logs in with the one password: each test takes a new name,
# so a new empty mailbox, with nothing to reload.
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def _running(pid: int) -> bool:
    """Alive and not a zombie (the daemonized master's parent may never reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _accounts() -> tuple[str, str, str]:
    """(mail user, its group, login user): dovecot's own accounts when this
    runs as root, else whoever runs the tests."""
    if os.geteuid() == 0:
        dovecot = pwd.getpwnam("dovecot")
        login = "dovenull" if _exists("dovenull") else "dovecot"
        group = _group_name(dovecot.pw_gid)
        return "dovecot", group, login
    me = pwd.getpwuid(os.geteuid())
    return me.pw_name, _group_name(me.pw_gid), me.pw_name


def _exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
    except KeyError:
        return False
    return True


def _group_name(gid: int) -> str:
    import grp

    return grp.getgrgid(gid).gr_name


class DovecotServer:
    """``dovecot -c FILE`` in a temporary folder; stopped with ``stop()``."""

    host = "127.0.0.1"

    def __init__(self):
        # Short and world-traversable: dovecot's sockets live under it (108-byte
        # limit) and its mail processes run as another user.
        self.root = Path(tempfile.mkdtemp(prefix="swg-imap-", dir="/tmp"))
        self.root.chmod(0o755)
        self.port = _free_port()
        self.config = self.root / "dovecot.conf"
        self.user: str | None = None

    def start(self) -> DovecotServer:
        mail_user, group, login_user = _accounts()
        (self.root / "run").mkdir()
        (self.root / "state").mkdir()
        mail = self.root / "mail"
        mail.mkdir()
        if os.geteuid() == 0:
            shutil.chown(mail, mail_user, group)
        self.config.write_text(
            CONFIG.format(
                root=self.root,
                port=self.port,
                user=mail_user,
                group=group,
                login_user=login_user,
                password=PASSWORD,
            )
        )
        # dovecot daemonizes: its master keeps whatever output it was given,
        # so a pipe here would never reach end of file.
        with (self.root / "start.log").open("wb") as out:
            subprocess.run(
                [DOVECOT, "-c", str(self.config)],
                check=True,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=30,
            )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection((self.host, self.port), 1):
                return self
            time.sleep(0.05)
        raise RuntimeError(f"dovecot did not listen on {self.port}:\n{self.log()}")

    def log(self) -> str:
        return "".join(
            path.read_text(errors="replace")
            for path in (self.root / "start.log", self.root / "dovecot.log")
            if path.exists()
        )

    def stop(self) -> None:
        pid_file = self.root / "run" / "master.pid"
        if pid_file.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                pid = int(pid_file.read_text().strip())
                os.kill(pid, signal.SIGTERM)
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline and _running(pid):
                    time.sleep(0.05)
        shutil.rmtree(self.root, ignore_errors=True)

    # ------------------------------------------------------------ mailboxes

    def new_mailbox(self) -> str:
        """A user with an empty INBOX; becomes this server's current user."""
        self.user = f"replies-{uuid.uuid4().hex[:12]}"
        return self.user

    def connect(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4(self.host, self.port, timeout=10)
        client.login(self.user, PASSWORD)
        return client

    def append(self, raw: bytes, *, folder: str = "INBOX") -> None:
        """Deliver ``raw`` unread to the current user's folder."""
        client = self.connect()
        try:
            status, data = client.append(folder, None, None, raw)
            assert status == "OK", data
        finally:
            client.logout()

    def _search(self, criterion: str) -> list[bytes]:
        client = self.connect()
        try:
            client.select("INBOX")
            _status, data = client.uid("SEARCH", None, criterion)
            return (data[0] or b"").split()
        finally:
            client.logout()

    def unseen(self) -> list[bytes]:
        return self._search("UNSEEN")

    def seen(self) -> list[bytes]:
        return self._search("SEEN")

    def settings(self) -> dict:
        """Django settings that read the current user's mailbox."""
        return {
            "CALENDAR_REPLIES_IMAP_HOST": self.host,
            "CALENDAR_REPLIES_IMAP_PORT": self.port,
            "CALENDAR_REPLIES_IMAP_SECURITY": "none",
            "CALENDAR_REPLIES_IMAP_USER": self.user,
            "CALENDAR_REPLIES_IMAP_PASSWORD": PASSWORD,
            "CALENDAR_REPLIES_IMAP_FOLDER": "INBOX",
            "CALENDAR_REPLIES_IMAP_TIMEOUT": 10,
        }

    def env(self) -> dict[str, str]:
        """The same as environment variables, for a worker subprocess."""
        return {name: str(value) for name, value in self.settings().items()}

    def use(self, settings) -> None:
        for name, value in self.settings().items():
            setattr(settings, name, value)


def itip_reply(
    *,
    uid: str,
    attendee: str,
    partstat: str = "ACCEPTED",
    sender: str | None = None,
    message_id: str | None = None,
    sequence: int = 0,
    dtstamp: dt.datetime | None = None,
    organizer: str = "replies@swg.planning.gov.ly",
    attach: bool = True,
    headers: dict | None = None,
) -> bytes:
    """An email as Outlook sends it when an invitee presses Accept: the
    METHOD:REPLY calendar inside the multipart/alternative (and, with
    ``attach``, once more as an attachment, as Gmail does)."""
    stamp = (dtstamp or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    calendar = (
        "BEGIN:VCALENDAR\r\n"
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
        "VERSION:2.0\r\n"
        "METHOD:REPLY\r\n"
        "BEGIN:VEVENT\r\n"
        f"ATTENDEE;PARTSTAT={partstat};CN=Invitee:MAILTO:{attendee}\r\n"
        f"ORGANIZER:mailto:{organizer}\r\n"
        f"UID:{uid}\r\n"
        f"SEQUENCE:{sequence}\r\n"
        f"DTSTAMP:{stamp}\r\n"
        "SUMMARY:Accepted: SWG meeting\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    message = EmailMessage()
    message["From"] = sender or attendee
    message["To"] = organizer
    message["Subject"] = "Accepted: SWG meeting"
    message["Message-ID"] = message_id or make_msgid(domain="who.example")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(f"{attendee} has answered {partstat}.")
    message.add_alternative(calendar, subtype="calendar", params={"method": "REPLY"})
    if attach:
        message.add_attachment(
            calendar.encode(), maintype="application", subtype="ics", filename="invite.ics"
        )
    return message.as_bytes(policy=policy.SMTP)  # CRLF, as it travels


@pytest.fixture(scope="session")
def _dovecot():
    need(os.path.exists(DOVECOT), "dovecot (Debian package dovecot-imapd)")
    server = DovecotServer()
    try:
        server.start()
    except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
        log = server.log()
        server.stop()
        need(False, f"a running dovecot ({exc}):\n{log}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def imap_server(_dovecot, settings):
    """The session's dovecot with a fresh, empty mailbox for this test, which
    the ``CALENDAR_REPLIES_IMAP_*`` settings point at."""
    _dovecot.new_mailbox()
    _dovecot.use(settings)
    return _dovecot
