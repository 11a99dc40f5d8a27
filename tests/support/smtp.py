"""A real SMTP server for the email tests (aiosmtpd on 127.0.0.1, a free port).

conftest.py loads this module as a plugin, so any test can ask for the fixture::

    def test_it_sends_the_invitation(smtp_server, world):
        ...  # Django now sends through django.core.mail.backends.smtp to it
        (received,) = smtp_server.wait_for(1)
        assert received.rcpt_tos == ["amina@who.example"]
        assert "Agenda" in received.html and received.attachments[0].filename == "invite.ics"

The fixture points ``EMAIL_BACKEND``/``EMAIL_HOST``/``EMAIL_PORT`` at the
server for the test; :meth:`LocalSMTPServer.env` gives the same as environment
variables for a Celery worker subprocess. The server can refuse messages
(:meth:`LocalSMTPServer.fail_next`) and be slow before or after the message
content arrives (``delay_rcpt`` / ``delay_data``), which the outbox tests use
to kill a worker at a known point of the SMTP conversation.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

import pytest
from aiosmtpd.smtp import SMTP

# aiosmtpd logs every command at INFO: too much for a failing test's output.
logging.getLogger("mail.log").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass
class ReceivedMessage:
    """One message the server accepted: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    message: EmailMessage = field(repr=False)

    @property
    def subject(self) -> str:
        return str(self.message["Subject"] or "")

    def header(self, name: str) -> str | None:
        value = self.message[name]
        return None if value is None else str(value)

    def _body(self, subtype: str) -> str | None:
        part = self.message.get_body(preferencelist=(subtype,))
        if part is None or part.get_content_subtype() != subtype:
            return None
        return part.get_content()

    @property
    def text(self) -> str | None:
        """The text/plain part (None when there is none)."""
        return self._body("plain")

    @property
    def html(self) -> str | None:
        """The text/html part (None when there is none)."""
        return self._body("html")

    @property
    def attachments(self) -> list[Attachment]:
        return [
            Attachment(
                filename=part.get_filename() or "",
                content_type=part.get_content_type(),
                content=part.get_payload(decode=True) or b"",
            )
            for part in self.message.iter_attachments()
        ]


class LocalSMTPServer:
    """aiosmtpd in a background thread; collects what it accepts.

    Everything is safe to call from the test thread while the server runs.
    """

    def __init__(self, host: str = "127.0.0.1"):
        self.host = host
        self.port: int | None = None
        # Seconds to wait before answering each RCPT, i.e. before the client may
        # send the message: a client killed during this wait delivered nothing.
        self.delay_rcpt = 0.0
        # Seconds to wait before answering the end of DATA, after the message is
        # stored: a client killed then has delivered it without hearing so.
        self.delay_data = 0.0
        self._lock = threading.Lock()
        self._messages: list[ReceivedMessage] = []
        self._failures: list[tuple[str, str]] = []  # (stage, reply), used in order
        self._waiting = Counter()
        self.rejected = 0
        self.connections = 0  # SMTP sessions opened by clients
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.AbstractServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ control

    def fail_next(
        self,
        count: int = 1,
        *,
        code: int = 451,
        text: str = "4.3.0 Temporary failure, try again later",
        stage: str = "data",
    ) -> None:
        """Refuse the next ``count`` messages with ``code`` at ``stage``:
        "data" answers the end of the message, "rcpt" the recipient."""
        if stage not in ("data", "rcpt"):
            raise ValueError("stage is 'data' or 'rcpt'")
        with self._lock:
            self._failures.extend([(stage, f"{code} {text}")] * count)

    @property
    def messages(self) -> list[ReceivedMessage]:
        with self._lock:
            return list(self._messages)

    def count_by_recipient(self) -> Counter:
        return Counter(rcpt.lower() for m in self.messages for rcpt in m.rcpt_tos)

    @property
    def waiting_before_data(self) -> int:
        """Conversations held in ``delay_rcpt`` right now."""
        with self._lock:
            return self._waiting["rcpt"]

    @property
    def waiting_after_data(self) -> int:
        """Conversations held in ``delay_data`` right now."""
        with self._lock:
            return self._waiting["data"]

    def wait_for(self, count: int, timeout: float = 10.0) -> list[ReceivedMessage]:
        """Wait until at least ``count`` messages arrived; return them all."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = self.messages
            if len(messages) >= count:
                return messages
            time.sleep(0.02)
        raise AssertionError(
            f"the SMTP server received {len(self.messages)} messages, expected {count}"
        )

    def reset(self) -> None:
        with self._lock:
            self._messages.clear()
            self._failures.clear()
            self.rejected = 0
            self.connections = 0
        self.delay_rcpt = self.delay_data = 0.0

    def settings(self) -> dict:
        """Django settings that send through this server."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": self.host,
            "EMAIL_PORT": self.port,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_TIMEOUT": 10,
        }

    def env(self) -> dict[str, str]:
        """The same as environment variables, for a worker subprocess."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": self.host,
            "EMAIL_PORT": str(self.port),
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": "false",
            "EMAIL_TIMEOUT": "10",
        }

    # ------------------------------------------------------------ aiosmtpd hooks

    def _take_failure(self, stage: str) -> str | None:
        with self._lock:
            if self._failures and self._failures[0][0] == stage:
                self.rejected += 1
                return self._failures.pop(0)[1]
        return None

    async def _hold(self, where: str, seconds: float) -> None:
        with self._lock:
            self._waiting[where] += 1
        try:
            await asyncio.sleep(seconds)
        finally:  # also when the client vanishes and aiosmtpd cancels us
            with self._lock:
                self._waiting[where] -= 1

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if failure := self._take_failure("rcpt"):
            return failure
        if self.delay_rcpt:
            await self._hold("rcpt", self.delay_rcpt)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if failure := self._take_failure("data"):
            return failure
        raw = bytes(envelope.original_content or envelope.content)
        received = ReceivedMessage(
            mail_from=envelope.mail_from,
            rcpt_tos=list(envelope.rcpt_tos),
            raw=raw,
            message=BytesParser(policy=policy.default).parsebytes(raw),
        )
        with self._lock:
            self._messages.append(received)
        if self.delay_data:
            await self._hold("data", self.delay_data)
        return "250 Message accepted for delivery"

    # ------------------------------------------------------------ lifecycle

    def _session(self, loop):
        def new_session():
            with self._lock:
                self.connections += 1
            return SMTP(self, hostname="localhost", loop=loop)

        return new_session

    def start(self) -> LocalSMTPServer:
        started = threading.Event()
        errors: list[BaseException] = []

        def run():
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            self._loop = loop
            try:
                self._server = loop.run_until_complete(
                    loop.create_server(self._session(loop), self.host, 0)
                )
                self.port = self._server.sockets[0].getsockname()[1]
            except BaseException as exc:  # reported to the starting thread
                errors.append(exc)
                started.set()
                loop.close()
                return
            started.set()
            loop.run_forever()
            loop.close()

        self._thread = threading.Thread(target=run, name="test-smtp-server", daemon=True)
        self._thread.start()
        started.wait(10)
        if errors:
            raise errors[0]
        return self

    async def _shutdown(self):
        self._server.close()
        current = asyncio.current_task()
        tasks = [t for t in asyncio.all_tasks() if t is not current]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop = self._thread = None


@pytest.fixture
def smtp_server(settings):
    """A running :class:`LocalSMTPServer` that Django sends through."""
    server = LocalSMTPServer().start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    try:
        yield server
    finally:
        server.stop()
