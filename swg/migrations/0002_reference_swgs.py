"""The seven MoP sector working groups and the legacy groups they replace
(data in ``swg/reference_data.py``)."""

from django.db import migrations

from swg.reference_data import load


class Migration(migrations.Migration):
    dependencies = [("swg", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
