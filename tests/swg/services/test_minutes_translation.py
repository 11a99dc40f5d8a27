"""Minutes with a translation (swg/services/minutes.py, selectors/minutes.py;
DESIGN §2): each recipient of the circulated minutes gets the text and the PDF
in their language, or the original with a note that no translation exists;
the outbox still sends each of them one message."""

import pytest
from django.core.exceptions import ValidationError

from coordination.models import OutboxMessage
from swg.selectors.minutes import minutes_detail
from swg.services.minutes import (
    minutes_approve,
    minutes_circulate,
    minutes_correct,
    minutes_save,
    minutes_submit,
)
from swg.services.pdfs import minutes_pdf
from tests.factories import draft_minutes
from tests.support.pdfs import pdf_text, words

SUMMARY = ("The group reviewed the vaccination campaign.", "راجعت المجموعة حملة التطعيم.")
DECISION = ("The campaign starts in March.", "تبدأ الحملة في شهر مارس.")
NO_ARABIC = "No Arabic translation; the original follows."


def _minutes(world, *, translated: bool):
    minutes = draft_minutes(world)
    item = minutes.items.get()
    return minutes_save(
        minutes=minutes,
        summary=SUMMARY[0],
        summary_translation=SUMMARY[1] if translated else "",
        attendance_text=minutes.attendance_text,
        language="en",
        items=[
            {
                "id": item.pk,
                "order": 1,
                "title": "Vaccination campaign",
                "decisions": DECISION[0],
                "title_translation": "حملة التطعيم" if translated else "",
                "decisions_translation": DECISION[1] if translated else "",
            }
        ],
    )


def _circulate(world, minutes):
    minutes = minutes_approve(minutes=minutes_submit(minutes=minutes), by=world.chair)
    return minutes, minutes_circulate(minutes=minutes)


def _arabic_reader(world):
    world.contact_gov.preferred_language = "ar"
    world.contact_gov.save()


def test_each_reader_gets_the_summary_in_their_language(world):
    _arabic_reader(world)
    minutes, count = _circulate(world, _minutes(world, translated=True))
    assert count == 2
    english = OutboxMessage.objects.get(recipient_email="amina@who.example")
    arabic = OutboxMessage.objects.get(recipient_email="khaled@moh.example")
    assert SUMMARY[0] in english.body_text and SUMMARY[1] not in english.body_text
    assert SUMMARY[1] in arabic.body_text and SUMMARY[0] not in arabic.body_text
    assert SUMMARY[1] in arabic.body_html
    assert NO_ARABIC not in arabic.body_text


def test_without_a_translation_the_reader_gets_the_original_and_is_told(world):
    _arabic_reader(world)
    _circulate(world, _minutes(world, translated=False))
    arabic = OutboxMessage.objects.get(recipient_email="khaled@moh.example")
    english = OutboxMessage.objects.get(recipient_email="amina@who.example")
    assert SUMMARY[0] in arabic.body_text
    # The note, in Arabic once the translators have it, in English until then.
    assert "الأصل" in arabic.body_text or NO_ARABIC in arabic.body_text
    assert NO_ARABIC not in english.body_text


def test_the_pdf_follows_the_readers_language(world):
    minutes = _minutes(world, translated=True)
    arabic = words(pdf_text(minutes_pdf(minutes=minutes, language="ar")))
    english = words(pdf_text(minutes_pdf(minutes=minutes, language="en")))
    assert "تبدأ الحملة في شهر مارس" in arabic and DECISION[0] not in arabic
    assert DECISION[0] in english and "تبدأ الحملة" not in english


def test_the_pdf_without_a_translation_says_the_original_follows(world):
    minutes = _minutes(world, translated=False)
    assert minutes_detail(minutes=minutes, language="ar")["translation_missing"]
    assert not minutes_detail(minutes=minutes, language="en")["translation_missing"]
    arabic = words(pdf_text(minutes_pdf(minutes=minutes, language="ar")))
    # pdftotext moves the full stop of a left-to-right sentence in a right-to-left page.
    assert DECISION[0].rstrip(".") in arabic
    # The note, in Arabic once the translators have it, in English until then.
    assert "original follows" in arabic or "الأصل" in arabic
    english = words(pdf_text(minutes_pdf(minutes=minutes, language="en")))
    assert "original follows" not in english


def test_circulating_twice_still_sends_each_reader_once(world):
    _arabic_reader(world)
    minutes, count = _circulate(world, _minutes(world, translated=True))
    with pytest.raises(ValidationError):
        minutes_circulate(minutes=minutes)
    assert OutboxMessage.objects.count() == count == 2


def test_a_correction_keeps_the_translation(world):
    minutes, _count = _circulate(world, _minutes(world, translated=True))
    correction = minutes_correct(minutes=minutes)
    assert correction.summary_translation == SUMMARY[1]
    assert correction.items.get().decisions_translation == DECISION[1]


def test_a_translation_cannot_change_once_approved(world):
    minutes = minutes_approve(
        minutes=minutes_submit(minutes=_minutes(world, translated=False)), by=world.chair
    )
    with pytest.raises(ValidationError):
        minutes_save(
            minutes=minutes,
            summary=SUMMARY[0],
            summary_translation=SUMMARY[1],
            attendance_text="",
            language="en",
            items=[],
        )
