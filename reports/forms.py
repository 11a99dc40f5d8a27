from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from coordination.forms import PortalForm
from coordination.periods import Period

from .models import NARRATIVE_SECTIONS
from .services.reports import NARRATIVE_MAX


def period_choices(today: dt.date) -> list[tuple[str, str]]:
    """The periods a report is usually written for: this quarter and the seven
    before, this half-year and the three before, this year and the last."""
    choices = []
    year, quarter = today.year, (today.month - 1) // 3 + 1
    for _n in range(8):
        period = Period.parse(f"{year}Q{quarter}")
        choices.append((period.code, str(period.label)))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    year, half = today.year, (today.month - 1) // 6 + 1
    for _n in range(4):
        period = Period.parse(f"{year}H{half}")
        choices.append((period.code, str(period.label)))
        year, half = (year, half - 1) if half > 1 else (year - 1, 2)
    for year in (today.year, today.year - 1):
        choices.append((str(year), str(Period.parse(str(year)).label)))
    return choices


class ReportOpenForm(PortalForm):
    submit_label = _("Open the report")

    period = forms.ChoiceField(label=_("Period"))

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = period_choices(today)


class NarrativeForm(PortalForm):
    """The narrative sections in both languages: limited HTML (paragraphs,
    emphasis, lists, links), sanitized by the service."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in NARRATIVE_SECTIONS:
            for language, name, direction in (
                ("en", _("English"), "ltr"),
                ("ar", _("Arabic"), "rtl"),
            ):
                self.fields[f"{key}_{language}"] = forms.CharField(
                    label=f"{label} ({name})",
                    required=False,
                    max_length=NARRATIVE_MAX,
                    widget=forms.Textarea(attrs={"rows": 5, "dir": direction, "lang": language}),
                    # The help text is shown as HTML: its tag names are escaped.
                    help_text=escape(
                        _(
                            "Paragraphs (<p>), bold, italics, lists (<ul>, <ol>, <li>) and links are kept; anything else is removed."
                        )
                    ),
                )


class GenerateForm(PortalForm):
    language = forms.ChoiceField(
        label=_("Language"), choices=[("en", _("English")), ("ar", _("Arabic"))]
    )
