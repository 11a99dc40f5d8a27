"""The data migration that gives the short texts their two languages
(swg/migrations/0013_bilingual_content.py): Arabic text moves to ``_ar``."""

import importlib

from django.apps import apps

from swg.models import Contact, Meeting, Membership
from tests.factories import ContactFactory, plan_meeting

migration = importlib.import_module("swg.migrations.0013_bilingual_content")


def test_it_moves_arabic_text_to_the_arabic_field_and_keeps_english(world):
    # As a single field held them before the migration.
    arabic = ContactFactory(organization=world.org_a, title_en="مستشار الصحة")
    english = ContactFactory(organization=world.org_a, title_en="Health adviser")
    meeting = plan_meeting(world, venue_en="وزارة التخطيط، القاعة 2")
    Membership.objects.filter(contact=world.contact_gov).update(task_en="يرأس المجموعة")

    migration.move_arabic(apps, None)

    arabic.refresh_from_db()
    english.refresh_from_db()
    assert (arabic.title_en, arabic.title_ar) == ("", "مستشار الصحة")
    assert (english.title_en, english.title_ar) == ("Health adviser", "")
    assert Meeting.objects.get(pk=meeting.pk).venue_ar == "وزارة التخطيط، القاعة 2"
    chair = Membership.objects.get(contact=world.contact_gov)
    assert (chair.task_en, chair.task_ar) == ("", "يرأس المجموعة")
    # The history rows follow, so the history shows the text where it now is.
    assert arabic.history.first().title_ar == "مستشار الصحة"
    assert Contact.history.filter(title_en="مستشار الصحة").count() == 0
