from celery import shared_task
from django.utils import timezone

from .models import Heartbeat


@shared_task
def heartbeat():
    Heartbeat.objects.update_or_create(name="beat", defaults={"seen_at": timezone.now()})
