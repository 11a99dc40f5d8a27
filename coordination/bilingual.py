"""Names kept in English and Arabic (DESIGN §2: every name has both forms),
shared by every app that stores such names."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def pick_language(en: str, ar: str, language: str | None = None) -> str:
    """The text in ``language`` (default: the active one), falling back to the other."""
    if (language or get_language() or "en").startswith("ar"):
        return ar or en
    return en or ar


class BilingualName(models.Model):
    """Names that users keep in English and Arabic (DESIGN §2: every name has
    both forms). ``name`` shows the active language's, falling back."""

    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return pick_language(self.name_en, self.name_ar)

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if not (self.name_en or "").strip() and not (self.name_ar or "").strip():
            raise ValidationError({"name_en": _("Give the name in English or Arabic (or both).")})
