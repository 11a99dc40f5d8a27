import django.db.models.functions.text
from django.db import migrations, models


def lower_case_emails(apps, schema_editor):
    # Its own copy of the rule (coordination/emails.py), so that a later change
    # there cannot change what this migration did.
    User = apps.get_model("accounts", "User")
    for user in User.objects.all().only("pk", "email"):
        email = (user.email or "").strip().lower()
        if email != user.email:
            User.objects.filter(pk=user.pk).update(email=email)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
    ]

    operations = [
        migrations.RunPython(lower_case_emails, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"), name="user_email_ci_unique"
            ),
        ),
    ]
