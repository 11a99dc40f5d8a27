"""Labels read straight from the enums (coordination/choices.py) say what
Django's generic get_FOO_display says, in both languages."""

import pytest
from django.utils import translation

from swg.models import Meeting, Membership


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_labels_are_djangos(language):
    cases = [(Meeting, "kind"), (Meeting, "city"), (Meeting, "status"), (Membership, "role")]
    with translation.override(language):
        for model, name in cases:
            field = model._meta.get_field(name)
            for value, _label in field.choices:
                obj = model(**{name: value})
                assert str(getattr(obj, f"get_{name}_display")()) == str(
                    obj._get_FIELD_display(field)
                ), (model, name, value)


def test_an_unknown_value_is_shown_as_it_is():
    assert Meeting(city="Sabha").get_city_display() == "Sabha"
    assert Membership(role="guest").get_role_display() == "guest"
