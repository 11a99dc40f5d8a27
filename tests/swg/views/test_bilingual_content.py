"""The short texts read in lists have an English and an Arabic field (DESIGN
§2): the forms save both, each page shows the reader's language, and contact
files carry both columns and import back unchanged; minutes carry a
translation beside the original."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from swg.models import ActionPoint, Contact, Meeting, Membership
from swg.services.action_points import action_point_add
from tests.factories import ContactFactory, draft_minutes, plan_meeting

VENUE = ("Ministry of Planning, room 2", "وزارة التخطيط، القاعة 2")


def _meeting_form(**overrides):
    return {
        "title_en": "Health SWG monthly meeting",
        "title_ar": "الاجتماع الشهري لمجموعة الصحة",
        "kind": "swg",
        "is_formal": "on",
        "starts_at": "2030-03-10T10:00",
        "ends_at": "2030-03-10T12:00",
        "city": "tripoli",
        "city_other": "",
        "venue_en": VENUE[0],
        "venue_ar": VENUE[1],
        "online_url": "",
        **overrides,
    }


def test_the_meeting_form_saves_both_venues_and_each_reader_sees_theirs(client, world):
    client.force_login(world.secretariat_x)
    response = client.post("/swg/health/meetings/new/", _meeting_form())
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.venue_en, meeting.venue_ar) == VENUE
    english = client.get(meeting.get_absolute_url()).text
    assert VENUE[0] in english and VENUE[1] not in english
    client.force_login(world.chair)  # reads Arabic
    arabic = client.get(meeting.get_absolute_url()).text
    assert 'lang="ar"' in arabic
    assert VENUE[1] in arabic and VENUE[0] not in arabic


def test_the_arabic_venue_field_is_written_right_to_left(client, world):
    client.force_login(world.secretariat_x)
    html = client.get("/swg/health/meetings/new/").text
    assert 'name="venue_ar"' in html
    field = html[html.index('name="venue_ar"') - 300 : html.index('name="venue_ar"') + 300]
    assert 'dir="rtl"' in field


def test_the_membership_form_saves_both_tasks_and_the_arabic_page_shows_the_arabic(client, world):
    membership = Membership.objects.get(swg=world.swg_x, organization=world.org_a)
    client.force_login(world.chair)  # reads Arabic
    response = client.post(
        f"/swg/health/members/{membership.pk}/edit/",
        {
            "role": "technical_lead",
            "task_en": "Leads the vaccination work",
            "task_ar": "يقود حملة التطعيم",
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.task_en, membership.task_ar) == (
        "Leads the vaccination work",
        "يقود حملة التطعيم",
    )
    arabic = client.get("/swg/health/").text
    assert "يقود حملة التطعيم" in arabic and "Leads the vaccination work" not in arabic
    client.force_login(world.secretariat_x)
    english = client.get("/swg/health/").text
    assert "Leads the vaccination work" in english and "يقود حملة التطعيم" not in english


def test_the_contact_form_saves_both_job_titles(client, world):
    client.force_login(world.secretariat_x)
    contact = world.contact_a
    response = client.post(
        f"/contacts/{contact.pk}/edit/",
        {
            "name_en": contact.name_en,
            "name_ar": contact.name_ar,
            "title_en": "Health adviser",
            "title_ar": "مستشارة الصحة",
            "organization": contact.organization_id,
            "email": contact.email,
            "gender": "f",
            "preferred_language": "en",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.title_en, contact.title_ar) == ("Health adviser", "مستشارة الصحة")
    client.force_login(world.chair)  # reads Arabic
    arabic = client.get(f"/contacts/{contact.pk}/").text
    # The heading shows the Arabic title (the history below lists both changes).
    assert "<bdi>مستشارة الصحة</bdi> · " in arabic
    assert "<bdi>Health adviser</bdi> · " not in arabic


def test_an_action_point_keeps_both_descriptions_and_falls_back(client, world):
    minutes = draft_minutes(world)
    point = action_point_add(
        minutes=minutes,
        minutes_item=minutes.items.get(),
        description_ar="مشاركة بيانات التطعيم",
        owner_organization=world.org_a,
        due_date=minutes.meeting.starts_at.date(),
    )
    client.force_login(world.secretariat_x)
    response = client.post(
        f"/action-points/{point.pk}/edit/",
        {
            "description_en": "Share the vaccination data",
            "description_ar": "مشاركة بيانات التطعيم",
            "owner_organization": world.org_a.pk,
            "due_date": point.due_date.isoformat(),
            "status": "open",
        },
    )
    assert response.status_code == 302
    point = ActionPoint.objects.get(pk=point.pk)
    assert (point.description_en, point.description_ar) == (
        "Share the vaccination data",
        "مشاركة بيانات التطعيم",
    )
    page = client.get(minutes.get_absolute_url()).text
    assert "Share the vaccination data" in page


def test_a_contact_export_carries_both_languages_and_imports_back_unchanged(
    client, world, django_capture_on_commit_callbacks
):
    contact = ContactFactory(
        organization=world.org_a,
        name_en="Sara Nuri",
        name_ar="سارة النوري",
        title_en="Data officer",
        title_ar="مسؤولة البيانات",
        email="sara@who.example",
    )
    Membership.objects.filter(contact=world.contact_a).update(task_ar="مشورة فنية")
    client.force_login(world.secretariat_x)
    exported = b"".join(client.get("/swg/health/contacts.csv").streaming_content)
    rows = {r["email"]: r for r in csv.DictReader(io.StringIO(exported.decode("utf-8-sig")))}
    assert rows["amina@who.example"]["task_ar"] == "مشورة فنية"
    everyone = b"".join(client.get("/contacts/export.csv").streaming_content)
    rows = {r["email"]: r for r in csv.DictReader(io.StringIO(everyone.decode("utf-8-sig")))}
    assert (rows[contact.email]["title_en"], rows[contact.email]["title_ar"]) == (
        "Data officer",
        "مسؤولة البيانات",
    )
    before = list(Contact.objects.order_by("pk").values())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/contacts/import/", {"file": SimpleUploadedFile("back.csv", everyone)}
        )
    assert "0 contacts created, 0 updated." in client.get(response["Location"]).text
    assert list(Contact.objects.order_by("pk").values()) == before


def test_an_older_file_with_one_title_column_puts_each_title_in_its_language(
    client, world, django_capture_on_commit_callbacks
):
    content = (
        "email,organization,name_en,title\n"
        "amina@who.example,WHO,Amina Haddad,مستشارة\n"
        "new@who.example,WHO,New Person,Data officer\n"
    ).encode()
    client.force_login(world.secretariat_x)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/contacts/import/", {"file": SimpleUploadedFile("old.csv", content)}
        )
    assert "1 contacts created, 1 updated." in client.get(response["Location"]).text
    amina = Contact.objects.get(email="amina@who.example")
    assert (amina.title_en, amina.title_ar) == ("", "مستشارة")
    assert Contact.objects.get(email="new@who.example").title_en == "Data officer"


def test_the_secretariat_adds_a_translation_beside_the_original(client, world):
    minutes = draft_minutes(world)
    item = minutes.items.get()
    client.force_login(world.secretariat_x)
    response = client.post(
        f"/meetings/{minutes.meeting_id}/minutes/{minutes.pk}/edit/",
        {
            "language": "en",
            "attendance_text": minutes.attendance_text,
            "summary": "The group reviewed the campaign.",
            "summary_translation": "راجعت المجموعة الحملة.",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "1",
            "items-0-id": item.pk,
            "items-0-order": "1",
            "items-0-title": "Vaccination campaign",
            "items-0-decisions": "Start in March.",
            "items-0-title_translation": "حملة التطعيم",
            "items-0-decisions_translation": "البدء في مارس.",
        },
    )
    assert response.status_code == 302
    minutes.refresh_from_db()
    item.refresh_from_db()
    assert minutes.summary_translation == "راجعت المجموعة الحملة."
    assert (item.title_translation, item.decisions_translation) == (
        "حملة التطعيم",
        "البدء في مارس.",
    )
    client.force_login(world.chair)  # the chair reads both before approving
    page = client.get(minutes.get_absolute_url()).text
    assert "The group reviewed the campaign." in page and "راجعت المجموعة الحملة." in page
    assert "Start in March." in page and "البدء في مارس." in page
    assert 'data-testid="item-translation"' in page


def test_a_meeting_planned_with_an_arabic_venue_only_shows_it_to_english_readers(client, world):
    meeting = plan_meeting(world, venue_en="", venue_ar=VENUE[1])
    client.force_login(world.secretariat_x)
    assert VENUE[1] in client.get(meeting.get_absolute_url()).text
