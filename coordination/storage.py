"""Where uploaded files live: private storage, random names.

Everything a user uploads (import files today, the document archive next) holds
personal or unpublished data, and everything in the portal is behind login
(DESIGN §1). So an upload is never reachable by a URL of its own: it lives in the
``"private"`` storage (``STORAGES`` in settings), outside every folder a web
server or WhiteNoise serves, under a random name; the original file name is kept
only in a database field for display. The one way out is a view that checks
permission and answers with :func:`coordination.downloads.stored_file_response`.

A ``FileField`` for an upload is declared as::

    file = models.FileField(storage=private_storage, upload_to=RandomName("imports/%Y/%m"))
"""

import re
import uuid
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.files.storage import FileSystemStorage, storages
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

STORAGE_ALIAS = "private"
_SAFE_EXTENSION = re.compile(r"\.[a-z0-9]{1,10}")


class PrivateFileURLError(RuntimeError):
    """A private file has no public address; serve it through a download view."""


@deconstructible(path="coordination.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT`` (unless ``location`` is given), with no URL."""

    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)  # no address, whatever the settings say
        super().__init__(location=location, base_url=None, **kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise PrivateFileURLError(
            f"{name!r} is private: serve it with coordination.downloads.stored_file_response."
        )


def private_storage():
    """The ``"private"`` storage; a callable so that migrations name it, not its options."""
    return storages[STORAGE_ALIAS]


def safe_extension(filename: str) -> str:
    """The lower-case extension of ``filename`` if it is plain (``.csv``), else ""."""
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    return suffix if _SAFE_EXTENSION.fullmatch(suffix) else ""


@deconstructible(path="coordination.storage.RandomName")
class RandomName:
    """``upload_to`` that stores a file as ``<folder>/<uuid4 hex><extension>``: a name
    nobody can guess and that says nothing about its content. ``folder`` may use
    strftime codes (``imports/%Y/%m``), which makes retention and backups readable."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        folder = timezone.now().strftime(self.folder).strip("/")
        return f"{folder}/{uuid.uuid4().hex}{safe_extension(filename)}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self):
        return hash(self.folder)


def _served_folders() -> list[str]:
    """Folders a web server, runserver or WhiteNoise may serve files from."""
    folders = [settings.STATIC_ROOT, getattr(settings, "WHITENOISE_ROOT", None)]
    folders += [d[1] if isinstance(d, tuple) else d for d in settings.STATICFILES_DIRS]
    return [str(f) for f in folders if f]


@register(Tags.security)
def check_private_media_root(app_configs=None, **kwargs):
    """Refuse to start when private files would lie in (or contain) a served folder."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    errors = []
    for folder in _served_folders():
        served = Path(folder).resolve()
        if private == served or served in private.parents or private in served.parents:
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps the served folder {served}.",
                    hint="Keep uploads outside STATIC_ROOT, STATICFILES_DIRS and WHITENOISE_ROOT.",
                    id="coordination.E001",
                )
            )
    return errors
