"""Libya's fixed public holidays, which the monthly schedule's first-working-day
rule skips (DESIGN §3 "Monthly schedule", §5).

The movable religious holidays (Eid al-Fitr, Eid al-Adha, the Islamic New Year,
the Prophet's Birthday) follow the lunar calendar and are announced each year,
so the administrator enters them per year. This migration carries its own copy
of the data and uses only the historical model, so a later edit of live code
cannot change what a fresh install gets; ``seed`` is also what the tests call
after a flush.
"""

from django.db import migrations

# (month, day, English, Arabic)
FIXED_HOLIDAYS = [
    (2, 17, "February 17 Revolution Day", "ذكرى ثورة 17 فبراير"),
    (5, 1, "Labour Day", "عيد العمال"),
    (9, 16, "Martyrs' Day", "يوم الشهيد"),
    (10, 23, "Liberation Day", "يوم التحرير"),
    (12, 24, "Independence Day", "عيد الاستقلال"),
]


def seed(apps, schema_editor):
    PublicHoliday = apps.get_model("swg", "PublicHoliday")
    for month, day, name_en, name_ar in FIXED_HOLIDAYS:
        PublicHoliday.objects.get_or_create(
            month=month,
            day=day,
            year=None,
            defaults={"name_en": name_en, "name_ar": name_ar, "days": 1},
        )


def unseed(apps, schema_editor):
    PublicHoliday = apps.get_model("swg", "PublicHoliday")
    for month, day, _en, _ar in FIXED_HOLIDAYS:
        PublicHoliday.objects.filter(month=month, day=day, year=None).delete()


class Migration(migrations.Migration):
    dependencies = [("swg", "0009_tors_holidays")]

    operations = [migrations.RunPython(seed, unseed)]
