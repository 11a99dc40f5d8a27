"""Text of one direction inside the other (coordination/bidi.py, the ``bidi``
template library and coordination/formats/): user text, dates and numbers are
isolated, dates follow the active language, typed text finds its own direction."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.template import Context, Template
from django.utils import timezone, translation

from coordination.bidi import FSI, PDI, bdi_text, first_strong_direction
from coordination.forms import ARABIC, PortalForm

DAY = dt.date(2026, 4, 10)


def _render(source, autoescape=True, language="en", **context):
    with translation.override(language):
        return Template("{% load bidi %}" + source).render(Context(context, autoescape=autoescape))


def test_it_wraps_user_text_in_bdi_and_escapes_it():
    html = _render("{{ name|bdi }}", name="UN <Women>")
    assert html == "<bdi>UN &lt;Women&gt;</bdi>"


def test_it_writes_nothing_for_an_empty_value():
    assert _render("[{{ name|bdi }}]", name="") == "[]"


def test_it_isolates_english_in_arabic_text_emails_with_unicode_marks():
    text = _render("{{ name|bdi }}", autoescape=False, language="ar", name="UN Women")
    assert text == f"{FSI}UN Women{PDI}"


def test_it_leaves_text_of_the_emails_own_direction_as_it_is():
    assert _render("{{ name|bdi }}", autoescape=False, name="UN Women") == "UN Women"
    arabic = "هيئة الأمم المتحدة للمرأة"
    assert _render("{{ name|bdi }}", autoescape=False, language="ar", name=arabic) == arabic


def test_it_isolates_numbers_in_arabic_text_only():
    with translation.override("ar"):
        assert bdi_text("10:00–12:00") == f"{FSI}10:00–12:00{PDI}"
    with translation.override("en"):
        assert bdi_text("10:00–12:00") == "10:00–12:00"


def test_it_finds_the_direction_from_the_first_letter():
    assert first_strong_direction("(UN) هيئة") == "ltr"
    assert first_strong_direction("2026 هيئة (UN)") == "rtl"
    assert first_strong_direction("2026-04-10") is None


def test_dates_follow_the_active_language():
    assert _render("{{ d|bdi_date }}", d=DAY) == "<bdi>10 Apr 2026</bdi>"
    assert _render("{{ d|bdi_date }}", language="ar", d=DAY) == "<bdi>10 إبريل 2026</bdi>"
    assert _render('{{ d|date:"SHORT_DATE_FORMAT" }}', language="ar", d=DAY) == "10/04/2026"
    assert _render('{{ d|date:"LONG_DATE_FORMAT" }}', language="ar", d=DAY) == (
        "الجمعة 10 إبريل 2026"
    )


def test_a_time_is_shown_in_tripoli_time():
    utc = dt.datetime(2026, 4, 10, 8, 0, tzinfo=ZoneInfo("UTC"))
    assert _render('{{ t|bdi_date:"DATETIME_FORMAT" }}', t=utc) == "<bdi>10 Apr 2026, 10:00</bdi>"


def test_a_time_remembered_in_one_zone_is_shown_in_another():
    utc = dt.datetime(2026, 4, 10, 8, 0, tzinfo=ZoneInfo("UTC"))
    assert _render('{{ t|bdi_date:"DATETIME_FORMAT" }}', t=utc) == "<bdi>10 Apr 2026, 10:00</bdi>"
    with timezone.override(ZoneInfo("UTC")):
        assert _render('{{ t|bdi_date:"DATETIME_FORMAT" }}', t=utc) == (
            "<bdi>10 Apr 2026, 08:00</bdi>"
        )


def test_a_date_remembered_in_english_is_shown_in_arabic():
    assert _render("{{ d|bdi_date }}", d=DAY) == "<bdi>10 Apr 2026</bdi>"
    assert _render("{{ d|bdi_date }}", language="ar", d=DAY) == "<bdi>10 إبريل 2026</bdi>"
    assert _render("{{ d|bdi_date }}", autoescape=False, d=DAY) == "10 Apr 2026"


def test_amounts_keep_the_decimal_point_in_arabic():
    assert _render('{{ n|floatformat:"2g" }}', language="ar", n=12345.5) == "12,345.50"


class _Form(PortalForm):
    title = forms.CharField()
    note = forms.CharField(widget=forms.Textarea)
    name_ar = forms.CharField(widget=forms.TextInput(attrs=ARABIC))


def test_text_inputs_find_their_own_direction():
    form = _Form()
    assert 'dir="auto"' in str(form["title"])
    assert 'dir="auto"' in str(form["note"])
    assert 'dir="rtl"' in str(form["name_ar"]) and 'dir="auto"' not in str(form["name_ar"])
