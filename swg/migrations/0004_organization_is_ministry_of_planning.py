"""The Ministry of Planning is named by a flag on its organization, no longer by
its acronym: circulated minutes go to its people (assessment Annex 1.1)."""

from django.db import migrations, models


def flag_ministry_of_planning(apps, schema_editor):
    # Until now the organization whose acronym is "MoP" was the ministry; the
    # first such one (a top-level organization before a department) keeps the role.
    Organization = apps.get_model("swg", "Organization")
    mop = (
        Organization.objects.filter(acronym__iexact="MoP")
        .order_by(models.F("parent").asc(nulls_first=True), "pk")
        .first()
    )
    if mop is not None:
        Organization.objects.filter(pk=mop.pk).update(is_ministry_of_planning=True)


class Migration(migrations.Migration):
    dependencies = [("swg", "0003_meetings")]

    operations = [
        migrations.AddField(
            model_name="historicalorganization",
            name="is_ministry_of_planning",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Its people who are members or focal points receive every circulated minutes."
                ),
                verbose_name="Ministry of Planning",
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="is_ministry_of_planning",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Its people who are members or focal points receive every circulated minutes."
                ),
                verbose_name="Ministry of Planning",
            ),
        ),
        migrations.AddConstraint(
            model_name="organization",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_ministry_of_planning", True)),
                fields=("is_ministry_of_planning",),
                name="one_ministry_of_planning",
            ),
        ),
        migrations.RunPython(flag_ministry_of_planning, migrations.RunPython.noop),
    ]
