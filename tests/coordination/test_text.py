"""Direction controls are removed from text that comes in (coordination/text.py)."""

from django.http import QueryDict

from coordination.text import strip_direction_controls, strip_direction_controls_deep

RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


def test_it_removes_embedding_override_and_isolate_controls():
    controls = "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
    assert strip_direction_controls(f"{RLO}gnp.exe{controls}") == "gnp.exe"


def test_it_keeps_the_joiners_and_marks_arabic_needs():
    text = "مي\u200cخواهم \u200d 12\u200f \u200e \u061c"
    assert strip_direction_controls(text) == text


def test_it_cleans_a_json_body_and_a_form_body():
    body = {"title": f"{LRI}x{PDI}", "rows": [{"name": f"{RLO}a"}, 3]}
    assert strip_direction_controls_deep(body) == {"title": "x", "rows": [{"name": "a"}, 3]}
    form = QueryDict(mutable=True)
    form.setlist("districts", [f"{RLO}LY-SB", "LY-MQ"])
    assert strip_direction_controls_deep(form).getlist("districts") == ["LY-SB", "LY-MQ"]
