"""pg_trgm for the duplication check's title similarity. Django's
CreateExtension does nothing on other databases (SQLite uses a Python fallback)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("projects_db", "0002_reference_data")]

    operations = [TrigramExtension()]
