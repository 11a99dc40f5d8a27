"""Texts kept in English and Arabic (coordination/bilingual.py; DESIGN §2): the
reader's language first, the other as fallback, one text stored by its script."""

from django.utils import translation

from coordination.bilingual import is_arabic_text, pick_language
from swg.models import ActionPoint, Contact, Meeting, Membership


def test_it_tells_arabic_script_from_latin():
    assert is_arabic_text("وزارة التخطيط")
    assert is_arabic_text("قاعة 2، وزارة التخطيط (MoP)")
    assert not is_arabic_text("Ministry of Planning, room 2")
    assert not is_arabic_text("")


def test_it_picks_the_readers_language_and_falls_back():
    assert pick_language("Room 2", "القاعة 2", "ar") == "القاعة 2"
    assert pick_language("Room 2", "", "ar") == "Room 2"
    assert pick_language("", "القاعة 2", "en") == "القاعة 2"


def test_each_short_text_falls_back_to_the_other_language():
    cases = [
        (Membership(task_en="Chairs", task_ar=""), "task"),
        (Contact(title_en="", title_ar="مستشار"), "title"),
        (Meeting(venue_en="Room 2", venue_ar="القاعة 2"), "venue"),
        (ActionPoint(description_en="Share data", description_ar=""), "description"),
    ]
    for obj, field in cases:
        en, ar = getattr(obj, f"{field}_en"), getattr(obj, f"{field}_ar")
        with translation.override("ar"):
            assert getattr(obj, field) == (ar or en)
        with translation.override("en"):
            assert getattr(obj, field) == (en or ar)


def test_one_text_is_stored_in_the_field_of_its_script():
    meeting = Meeting(venue="وزارة التخطيط")
    assert (meeting.venue_en, meeting.venue_ar) == ("", "وزارة التخطيط")
    meeting.venue = "Ministry of Planning"
    assert (meeting.venue_en, meeting.venue_ar) == ("Ministry of Planning", "")
