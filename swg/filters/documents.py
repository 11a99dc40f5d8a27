import django_filters
from django.utils.translation import gettext_lazy as _

from ..models import SWG, Document


class DocumentFilter(django_filters.FilterSet):
    """The archive's list: group, category, language, year (the search box is
    the view's ``q``)."""

    swg = django_filters.ModelChoiceFilter(
        label=_("Working group"), field_name="swg", queryset=SWG.objects.none()
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Document.Category.choices, empty_label=_("Any category")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=Document.Language.choices, empty_label=_("Any language")
    )
    year = django_filters.NumberFilter(label=_("Year"), field_name="document_date__year")

    class Meta:
        model = Document
        fields = ["swg", "category", "language", "year"]

    def __init__(self, *args, swgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["swg"].queryset = swgs if swgs is not None else SWG.objects.none()
