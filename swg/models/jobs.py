from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coordination.storage import RandomName, private_storage


class ImportJob(models.Model):
    """An uploaded file imported by a Celery task; the page polls ``progress``.
    All-or-nothing: when a row has a problem nothing is saved; ``errors``
    holds the first problems (``error_count`` counts them all) and
    ``rejected_file`` every rejected row with its problems.

    The states and who moves them are in ``swg.services.imports``: queued →
    running (one worker claims it: ``attempts`` counts the claims and
    ``heartbeat_at`` is its last sign of life) → done, invalid or failed; a
    job whose worker died is failed with ``interrupted`` and may be retried.
    A kind that asks for confirmation stops at **checked** with a ``preview``
    of what would change, and runs again to write once ``confirmed``.

    Each kind names the page that shows its jobs (``STATUS_URLS``, filled by
    ``import_kind_register``)."""

    STATUS_URLS: dict[str, str] = {}

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Checking rows")
        CHECKED = "checked", _("Checked: confirm to save")
        INVALID = "invalid", _("Rejected: some rows have errors")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=30, default="contacts")
    # Stored privately under a random name; the uploader's file name is only shown.
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=RandomName("imports/%Y/%m")
    )
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("problems"), default=0)
    # Written by the job; holds the rows of the upload, so private like it.
    rejected_file = models.FileField(
        _("rejected rows"),
        storage=private_storage,
        upload_to=RandomName("imports/rejected/%Y/%m"),
        blank=True,
    )
    message = models.TextField(_("message"), blank=True)
    # What the person chose with the upload (e.g. the organization), for the kind's check.
    options = models.JSONField(_("options"), default=dict, blank=True)
    # A kind that asks for confirmation: what would be created and changed.
    preview = models.JSONField(_("preview"), default=dict, blank=True)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    interrupted = models.BooleanField(_("stopped before it finished"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="import_jobs"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse(self.STATUS_URLS.get(self.kind, "swg:contact_import_status"), args=[self.pk])

    @property
    def is_finished(self) -> bool:
        """Nothing more happens without the person: the page stops polling."""
        return self.status in {
            self.Status.INVALID,
            self.Status.DONE,
            self.Status.FAILED,
            self.Status.CHECKED,
        }

    @property
    def can_retry(self) -> bool:
        """Only a job whose worker died is worth running again; a file that
        cannot be read gives the same answer twice."""
        return self.status == self.Status.FAILED and self.interrupted

    @property
    def errors_not_shown(self) -> int:
        return self.error_count - len(self.errors)
