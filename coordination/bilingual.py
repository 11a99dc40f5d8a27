"""Names kept in English and Arabic (DESIGN §2: every name has both forms),
shared by every app that stores such names."""

import re

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


# The Arabic script blocks (Arabic, Supplement, Extended-A, Presentation Forms A and B).
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def is_arabic_text(text: str) -> bool:
    """Whether a text is written mostly in Arabic script (more Arabic letters than Latin)."""
    text = text or ""
    return len(_ARABIC_LETTER.findall(text)) > len(_LATIN_LETTER.findall(text))


def bilingual_text(field: str, doc: str = "") -> property:
    """A property over ``<field>_en`` and ``<field>_ar`` (DESIGN §2: the short
    texts read in lists have both forms, with the same fallback as names).
    Reading gives the active language's text, falling back to the other;
    assigning one text stores it under the language of its script and clears
    the other, so code that knows a single text keeps working."""
    en, ar = f"{field}_en", f"{field}_ar"

    def fget(self) -> str:
        return pick_language(getattr(self, en), getattr(self, ar))

    def fset(self, value: str) -> None:
        value = value or ""
        arabic = is_arabic_text(value)
        setattr(self, ar, value if arabic else "")
        setattr(self, en, "" if arabic else value)

    return property(fget, fset, doc=doc or f"{field} in the active language, falling back.")
