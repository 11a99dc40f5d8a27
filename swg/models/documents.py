"""The document archive (DESIGN §3 "Document archive"; assessment Annex 2e:
"there is no hard-copy archive"). A document is the record (title, category,
date, language, group, visibility); each upload of it is a version, and the
earlier versions are kept. Files live in private storage under random names
(coordination/storage.py) and leave only through a permission-checked view."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coordination.storage import RandomName, private_storage


class Document(models.Model):
    class Category(models.TextChoices):
        TOR = "tor", _("Terms of reference")
        AGENDA = "agenda", _("Agenda")
        MINUTES = "minutes", _("Minutes")
        PARTICIPANTS = "participants", _("List of participants")
        REPORT = "report", _("Report")
        CONCEPT_NOTE = "concept_note", _("Concept note")
        CORRESPONDENCE = "correspondence", _("Correspondence")
        PRESENTATION = "presentation", _("Presentation")
        OTHER = "other", _("Other")

    class Language(models.TextChoices):
        EN = "en", _("English")
        AR = "ar", _("Arabic")
        BOTH = "en+ar", _("English and Arabic")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        # Widest last: the order is the order of the choice list.
        SECRETARIAT = "secretariat", _("Secretariat only")
        MEMBERS = "members", _("Members of the working group")
        ALL = "all", _("All signed-in users")

    swg = models.ForeignKey(
        "swg.SWG",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    document_date = models.DateField(_("date"))
    language = models.CharField(_("language"), max_length=10, choices=Language.choices)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    meeting = models.ForeignKey(
        "swg.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    # Documents the portal produces itself (minutes, agendas, participant lists)
    # carry a key such as "minutes:12"; filing the same key again adds a version.
    generated_key = models.CharField(_("generated from"), max_length=100, blank=True)
    # Title, description and the text of the current version, for search; the
    # vector (PostgreSQL only) is kept from it by swg.services.documents.
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "search_vector"])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-document_date", "-pk"]
        # The archive lists newest first, a page at a time (bench/README.md).
        indexes = [models.Index(fields=["-document_date", "-id"], name="document_newest_first")]
        constraints = [
            models.UniqueConstraint(
                fields=["generated_key"],
                condition=~models.Q(generated_key=""),
                name="document_generated_once",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("swg:document_detail", args=[self.pk])


class DocumentVersion(models.Model):
    """One uploaded file of a document; the highest number is the current one."""

    class Extraction(models.TextChoices):
        PENDING = "pending", _("Waiting to be indexed")
        DONE = "done", _("Indexed")
        NONE = "none", _("No text to index")
        FAILED = "failed", _("Could not be read")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=RandomName("documents/%Y/%m")
    )
    original_name = models.CharField(_("file name"), max_length=255)
    # What the content is (checked from its bytes), not what its name says.
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    text = models.TextField(_("text"), blank=True, editable=False)
    extraction = models.CharField(
        _("indexing"), max_length=10, choices=Extraction.choices, default=Extraction.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once"),
        ]

    def __str__(self):
        return f"{self.document} — v{self.number}"

    def get_download_url(self):
        return reverse("swg:document_download", args=[self.document_id, self.pk])
