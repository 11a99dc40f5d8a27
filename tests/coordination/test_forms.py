"""Every portal form receives its text without direction controls
(coordination/forms.py ``DirectionControlsStripped``)."""

from django import forms
from django.http import QueryDict

from coordination.forms import DirectionControlsStripped, PortalForm

RLO = "\u202e"


class NameForm(PortalForm):
    name = forms.CharField(max_length=5)
    tags = forms.MultipleChoiceField(choices=[("a", "a"), ("b", "b")], required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False)


def test_it_removes_the_controls_before_the_fields_read_them():
    data = QueryDict(mutable=True)
    data["name"] = f"{RLO}Amina"  # six characters typed, five kept: within max_length
    data.setlist("tags", [f"{RLO}a", "b"])
    form = NameForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Amina"
    assert form.cleaned_data["tags"] == ["a", "b"]


def test_it_leaves_a_password_as_typed():
    form = NameForm({"name": "x", "password": f"se{RLO}cret"})
    assert form.is_valid()
    assert form.cleaned_data["password"] == f"se{RLO}cret"


def test_it_cleans_a_plain_dict_of_an_import_row():
    class RowForm(DirectionControlsStripped, forms.Form):
        name = forms.CharField()
        rank = forms.IntegerField()

    form = RowForm({"name": f"{RLO}Yusuf", "rank": 3})
    assert form.is_valid()
    assert form.cleaned_data == {"name": "Yusuf", "rank": 3}
