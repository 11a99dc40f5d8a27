"""The short texts read in lists get an English and an Arabic form (DESIGN §2:
every name has both forms): membership task, contact job title, meeting venue,
action-point description. Existing text stays in ``_en``, or moves to ``_ar``
when it is written in Arabic script; the historical tables follow. Minutes get
the fields of their translation."""

import re

from django.db import migrations, models

# Carried here rather than imported, so the migration keeps working whatever
# becomes of the application code (coordination/bilingual.py has the same rule).
ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")

FIELDS = {
    "Membership": "task",
    "Contact": "title",
    "Meeting": "venue",
    "ActionPoint": "description",
}


def is_arabic(text):
    return len(ARABIC_LETTER.findall(text or "")) > len(LATIN_LETTER.findall(text or ""))


def move_arabic(apps, schema_editor):
    for model_name, field in FIELDS.items():
        for name in (model_name, f"Historical{model_name}"):
            model = apps.get_model("swg", name)
            en, ar = f"{field}_en", f"{field}_ar"
            pk = "history_id" if name.startswith("Historical") else "pk"
            rows = model.objects.exclude(**{en: ""}).values_list(pk, en).iterator()
            for row_pk, text in rows:
                if is_arabic(text):
                    model.objects.filter(**{pk: row_pk}).update(**{en: "", ar: text})


def move_back(apps, schema_editor):
    for model_name, field in FIELDS.items():
        for name in (model_name, f"Historical{model_name}"):
            model = apps.get_model("swg", name)
            en, ar = f"{field}_en", f"{field}_ar"
            model.objects.filter(**{en: ""}).exclude(**{ar: ""}).update(**{en: models.F(ar)})


def _pair(model_name, field, en_label, ar_label, max_length=None, help_text=""):
    ops = []
    for name in (model_name, f"historical{model_name}"):
        ops.append(migrations.RenameField(name, field, f"{field}_en"))
        if max_length:
            en = models.CharField(en_label, max_length=max_length, blank=True, help_text=help_text)
            ar = models.CharField(ar_label, max_length=max_length, blank=True)
        else:
            en = models.TextField(en_label, blank=True)
            ar = models.TextField(ar_label, blank=True)
        ops.append(migrations.AlterField(name, f"{field}_en", en))
        ops.append(migrations.AddField(name, f"{field}_ar", ar))
    return ops


class Migration(migrations.Migration):
    dependencies = [("swg", "0012_calendar_replies")]

    operations = [
        *_pair(
            "membership",
            "task",
            "exact task in the SWG (English)",
            "exact task in the SWG (Arabic)",
            300,
            "What this member does for the group (assessment Annex 2d).",
        ),
        *_pair("contact", "title", "job title (English)", "job title (Arabic)", 200),
        *_pair("meeting", "venue", "venue (English)", "venue (Arabic)", 255),
        *_pair("actionpoint", "description", "action (English)", "action (Arabic)"),
        migrations.RunPython(move_arabic, move_back),
    ]
    for name in ("minutes", "historicalminutes"):
        operations.append(
            migrations.AddField(
                name,
                "summary_translation",
                models.TextField(blank=True, verbose_name="summary (translation)"),
            )
        )
    for name in ("minutesitem", "historicalminutesitem"):
        operations += [
            migrations.AddField(
                name,
                "title_translation",
                models.CharField(blank=True, max_length=300, verbose_name="item (translation)"),
            ),
            migrations.AddField(
                name,
                "discussion_translation",
                models.TextField(blank=True, verbose_name="discussion (translation)"),
            ),
            migrations.AddField(
                name,
                "decisions_translation",
                models.TextField(blank=True, verbose_name="decisions (translation)"),
            ),
        ]
