"""Reading a mailbox over IMAP (RFC 3501): the portal's one way in for email.

The calendar replies (README "Calendar replies") arrive in a mailbox the
portal reads; this module knows IMAP and nothing of what the messages mean.
It takes the unread messages, at most ``limit`` of them, sizes them first
and downloads only those up to ``max_bytes`` (a hostile sender decides the
size), without marking them read (``BODY.PEEK``): the caller marks a message
read once it has dealt with it, so a worker that dies half-way leaves the
rest for the next run.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import ssl
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings

log = logging.getLogger(__name__)

_UID = re.compile(rb"\bUID (\d+)")
_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")


class MailboxError(Exception):
    """The server could not be reached, refused the login or the folder."""


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int
    user: str
    password: str
    folder: str = "INBOX"
    security: str = "ssl"  # "ssl", "starttls" or "none"
    timeout: int = 30

    @classmethod
    def calendar_replies(cls) -> ImapSettings | None:
        """The replies mailbox from ``CALENDAR_REPLIES_IMAP_*``; None when off."""
        if not settings.CALENDAR_REPLIES_IMAP_HOST:
            return None
        return cls(
            host=settings.CALENDAR_REPLIES_IMAP_HOST,
            port=settings.CALENDAR_REPLIES_IMAP_PORT,
            user=settings.CALENDAR_REPLIES_IMAP_USER,
            password=settings.CALENDAR_REPLIES_IMAP_PASSWORD,
            folder=settings.CALENDAR_REPLIES_IMAP_FOLDER,
            security=settings.CALENDAR_REPLIES_IMAP_SECURITY,
            timeout=settings.CALENDAR_REPLIES_IMAP_TIMEOUT,
        )


@dataclass(frozen=True)
class FetchedMessage:
    uid: str
    size: int
    raw: bytes | None  # None: larger than the limit, not downloaded


class Mailbox:
    """One selected folder of an open connection (``imap_mailbox``)."""

    def __init__(self, connection: imaplib.IMAP4):
        self._imap = connection

    def _command(self, *args) -> list:
        try:
            status, data = self._imap.uid(*args)
        except (imaplib.IMAP4.error, OSError) as exc:
            raise MailboxError(f"IMAP {args[0]} failed: {exc}") from exc
        if status != "OK":
            raise MailboxError(f"IMAP {args[0]} answered {status}: {data!r}")
        return data

    def unseen(self, *, limit: int, max_bytes: int) -> Iterator[FetchedMessage]:
        """The unread messages, oldest first, at most ``limit``."""
        data = self._command("SEARCH", None, "UNSEEN")
        uids = [uid.decode() for uid in (data[0] or b"").split()][:limit]
        if not uids:
            return
        sizes: dict[str, int] = {}
        for line in self._command("FETCH", ",".join(uids), "(RFC822.SIZE)"):
            text = line[0] if isinstance(line, tuple) else line
            uid, size = _UID.search(text or b""), _SIZE.search(text or b"")
            if uid and size:
                sizes[uid.group(1).decode()] = int(size.group(1))
        for uid in uids:
            size = sizes.get(uid)
            if size is None:
                continue  # expunged meanwhile
            if size > max_bytes:
                yield FetchedMessage(uid=uid, size=size, raw=None)
                continue
            raw = next(
                (
                    part[1]
                    for part in self._command("FETCH", uid, "(BODY.PEEK[])")
                    if isinstance(part, tuple) and len(part) == 2
                ),
                None,
            )
            if raw is not None:
                yield FetchedMessage(uid=uid, size=size, raw=raw)

    def mark_seen(self, uid: str) -> None:
        self._command("STORE", uid, "+FLAGS", "(\\Seen)")


def _connect(config: ImapSettings) -> imaplib.IMAP4:
    context = ssl.create_default_context()
    if config.security == "ssl":
        return imaplib.IMAP4_SSL(
            config.host, config.port, ssl_context=context, timeout=config.timeout
        )
    connection = imaplib.IMAP4(config.host, config.port, timeout=config.timeout)
    if config.security == "starttls":
        connection.starttls(ssl_context=context)
    return connection


@contextlib.contextmanager
def imap_mailbox(config: ImapSettings) -> Iterator[Mailbox]:
    """Log in, select ``config.folder`` read-write, and log out at the end."""
    try:
        connection = _connect(config)
    except (imaplib.IMAP4.error, OSError) as exc:
        raise MailboxError(f"cannot reach {config.host}:{config.port}: {exc}") from exc
    try:
        try:
            connection.login(config.user, config.password)
            status, data = connection.select(config.folder)
        except (imaplib.IMAP4.error, OSError) as exc:
            raise MailboxError(f"IMAP login or folder refused: {exc}") from exc
        if status != "OK":
            raise MailboxError(f"IMAP folder {config.folder!r}: {data!r}")
        yield Mailbox(connection)
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            connection.logout()
