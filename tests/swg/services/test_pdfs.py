"""The meeting's PDFs (swg/services/pdfs.py): the list of participants /
sign-in sheet and the minutes, in English and Arabic, read back as text."""

from swg.models import Invitation
from swg.services.minutes import minutes_save
from swg.services.pdfs import meeting_sign_in_sheet_pdf, minutes_pdf
from tests.factories import ContactFactory, draft_minutes, held_meeting, make_meeting
from tests.support.pdfs import pdf_pages, pdf_text, words


def test_the_arabic_sign_in_sheet_names_the_group_and_people_in_arabic(world):
    meeting = held_meeting(world)
    text = words(pdf_text(meeting_sign_in_sheet_pdf(meeting=meeting, language="ar")))
    # pdftotext reads the shaped glyphs back in logical order.
    assert world.swg_x.name_ar in text
    assert "أمينة حداد" in text and "خالد بن عمر" in text
    assert "منظمة الصحة العالمية" in text and "وزارة الصحة" in text


def test_the_sign_in_sheet_lists_invitees_with_their_attendance(world):
    meeting = held_meeting(world)
    Invitation.objects.create(meeting=meeting, contact=world.contact_b, is_ad_hoc=True)
    text = words(pdf_text(meeting_sign_in_sheet_pdf(meeting=meeting, language="en")))
    assert "Health" in text
    assert "Amina Haddad" in text and "World Health Organization (WHO)" in text
    # "ad-hoc" may break at its hyphen, which pdftotext then drops.
    assert "Marco Rossi" in text and "invitee" in text and "EU Delegation to Libya" in text
    assert "Attendance" in text and "Present" in text and "Signature" in text
    assert "Government participants: 1" in text


def test_the_sign_in_sheet_before_the_meeting_has_no_attendance_column(world):
    meeting = make_meeting(world, days_ago=-3, invite=(world.contact_a,))
    text = words(pdf_text(meeting_sign_in_sheet_pdf(meeting=meeting, language="en")))
    assert "Amina Haddad" in text and "Signature" in text
    assert "Attendance" not in text


def test_the_sign_in_sheet_grows_a_page_with_the_invitees(world):
    meeting = make_meeting(world, days_ago=-3, invite=(world.contact_a,))
    short = pdf_pages(meeting_sign_in_sheet_pdf(meeting=meeting, language="en"))
    for _n in range(60):
        Invitation.objects.create(meeting=meeting, contact=ContactFactory())
    long = meeting_sign_in_sheet_pdf(meeting=meeting, language="en")
    assert short == 1 and pdf_pages(long) > short
    # The header row and the running header are on every page.
    last = pdf_text(long, first=pdf_pages(long))
    assert "Signature" in last and "List of participants" in last


def _minutes_with_arabic_decisions(world):
    minutes = draft_minutes(world)
    item = minutes.items.get()
    return minutes_save(
        minutes=minutes,
        summary="The group reviewed the vaccination campaign.",
        attendance_text=minutes.attendance_text,
        language="ar",
        items=[
            {
                "id": item.pk,
                "title": "حملة التطعيم",
                "discussion": "ناقشت المجموعة خطة الحملة.",
                "decisions": "تبدأ الحملة في شهر مارس.",
                "order": 1,
            }
        ],
    )


def test_the_arabic_minutes_hold_the_group_items_and_decisions(world):
    minutes = _minutes_with_arabic_decisions(world)
    text = words(pdf_text(minutes_pdf(minutes=minutes, language="ar")))
    assert world.swg_x.name_ar in text
    assert "حملة التطعيم" in text
    assert "تبدأ الحملة في شهر مارس" in text
    assert "أمينة حداد" not in text  # the attendance paragraph was written in English
    assert "Amina Haddad" in text


def test_the_minutes_have_contents_and_grow_with_their_items(world):
    minutes = draft_minutes(world)
    short = minutes_pdf(minutes=minutes, language="en")
    item = minutes.items.get()
    minutes_save(
        minutes=minutes,
        summary="",
        attendance_text=minutes.attendance_text,
        language="en",
        items=[
            {"id": item.pk, "title": "Vaccination campaign", "order": 1},
            *(
                {
                    "title": f"Item {n}",
                    "discussion": "The group discussed the clinics. " * 40,
                    "decisions": f"Decision {n}",
                    "order": n,
                }
                for n in range(2, 12)
            ),
        ],
    )
    long = minutes_pdf(minutes=minutes, language="en")
    assert pdf_pages(long) > pdf_pages(short)
    contents = words(pdf_text(long, first=1, last=1))
    assert "Contents" in contents and "1. Vaccination campaign" in contents
    assert "11. Item 11" in contents
    assert "Decision 11" in pdf_text(long)


def _html_handed_to_weasyprint(monkeypatch) -> list[str]:
    from coordination import pdf

    seen, original = [], pdf.render_pdf_html

    def capture(**kwargs):
        seen.append(original(**kwargs))
        return seen[-1]

    monkeypatch.setattr(pdf, "render_pdf_html", capture)
    return seen


def test_an_arabic_pdf_isolates_an_english_name_and_dates_in_tripoli_time(world, monkeypatch):
    import datetime as dt
    import re

    from django.utils import translation
    from django.utils.formats import date_format

    from tests.factories import OrganizationFactory

    seen = _html_handed_to_weasyprint(monkeypatch)
    acme = OrganizationFactory(name_en="Acme Relief (Libya)", name_ar="", acronym="")
    meeting = make_meeting(world, invite=(ContactFactory(organization=acme),))
    # 23:30 UTC on 3 March is 01:30 on 4 March in Tripoli.
    meeting.starts_at = dt.datetime(2026, 3, 3, 23, 30, tzinfo=dt.UTC)
    meeting.ends_at = meeting.starts_at + dt.timedelta(hours=2)
    meeting.save()
    meeting_sign_in_sheet_pdf(meeting=meeting, language="ar")
    html = seen[-1]
    assert re.search(r"<bdi>[^<]*Acme Relief \(Libya\)[^<]*</bdi>", html)
    with translation.override("ar"):
        tripoli_day = date_format(dt.date(2026, 3, 4), "FULL_DATE_FORMAT")
        utc_day = date_format(dt.date(2026, 3, 3), "FULL_DATE_FORMAT")
    assert f"<bdi>{tripoli_day}</bdi>" in html
    assert utc_day not in html
