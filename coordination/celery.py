"""Celery application: autodiscovers ``tasks.py`` in every installed app.

The beat schedule lives in settings (``CELERY_BEAT_SCHEDULE``) so that there is
one place to read what runs when (DESIGN §5).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coordination.settings")

app = Celery("coordination")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
