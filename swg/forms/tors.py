"""Forms for the terms of reference. They check the shape of the input; the
rules (who, which state) live in ``swg.services.tors``."""

from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.forms import ARABIC, DirectionControlsStripped, PortalForm

from ..models.tors import SECTIONS, section_field

# A section is a few paragraphs; this bounds what a request may store.
SECTION_MAX_CHARS = 20_000


class TorVersionForm(PortalForm):
    """The six sections, each in English and Arabic side by side."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fieldsets = []
        for key, label in SECTIONS:
            names = []
            for language, language_label, attrs in (
                ("en", _("English"), {}),
                ("ar", _("Arabic"), ARABIC),
            ):
                name = section_field(key, language)
                self.fields[name] = forms.CharField(
                    label=language_label,
                    required=False,
                    max_length=SECTION_MAX_CHARS,
                    widget=forms.Textarea(attrs={"rows": 5, **attrs}),
                )
                names.append(name)
            fieldsets.append(
                Fieldset(label, Row(*(Column(n, css_class="col-md-6") for n in names)))
            )
        self.helper.layout = Layout(*fieldsets)

    def sections(self) -> dict[str, str]:
        return dict(self.cleaned_data)


class TorCompareForm(DirectionControlsStripped, forms.Form):
    """Two versions of one TOR, by number."""

    a = forms.TypedChoiceField(label=_("Older version"), coerce=int)
    b = forms.TypedChoiceField(label=_("Newer version"), coerce=int)

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, _("Version %(n)s") % {"n": n}) for n in numbers]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices
