from django.urls import path

from ..views import schedule

# The monthly meeting schedule: receiving it, the email's unsubscribe link, the preview.
urlpatterns = [
    path("schedule/", schedule.schedule_preview, name="schedule_preview"),
    path("schedule/mine/", schedule.schedule_subscriptions, name="schedule_subscriptions"),
    path(
        "schedule/unsubscribe/<str:token>/",
        schedule.schedule_unsubscribe,
        name="schedule_unsubscribe",
    ),
]
