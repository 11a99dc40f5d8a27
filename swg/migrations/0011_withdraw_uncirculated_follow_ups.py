"""Agenda items that copied an action point of minutes not yet circulated.

"Follow-up" items used to be offered for every open action point, so the text
of points still in draft or approved-but-not-circulated minutes reached partners
on meeting pages, calendar feeds and invitations (DESIGN §3 "Meeting": minutes
are draft content until circulated). Such an item keeps its place and its link
to the point (which the permission scope shows to those who may read it), but
its title, and the title in its history rows, become a neutral one. The text
is carried here, so a later edit of the live code cannot change what this does.
"""

from django.db import migrations
from django.db.models import Q

CIRCULATED = "circulated"
NEUTRAL_EN = "Follow-up of an earlier action point"
NEUTRAL_AR = "متابعة نقطة عمل سابقة"


def withdraw(apps, schema_editor):
    AgendaItem = apps.get_model("swg", "AgendaItem")
    HistoricalAgendaItem = apps.get_model("swg", "HistoricalAgendaItem")
    leaked = AgendaItem.objects.filter(
        action_point__isnull=False, action_point__minutes_item__isnull=False
    ).filter(~Q(action_point__minutes_item__minutes__status=CIRCULATED))
    ids = list(leaked.values_list("pk", flat=True))
    AgendaItem.objects.filter(pk__in=ids).update(title_en=NEUTRAL_EN, title_ar=NEUTRAL_AR)
    HistoricalAgendaItem.objects.filter(id__in=ids).update(
        title_en=NEUTRAL_EN, title_ar=NEUTRAL_AR
    )


class Migration(migrations.Migration):
    dependencies = [("swg", "0010_tors_holidays_seed")]

    operations = [migrations.RunPython(withdraw, migrations.RunPython.noop)]
