from django.urls import path

from ..views import notifications

# The bell: the user's notifications and how they reach them by email.
urlpatterns = [
    path("notifications/", notifications.notification_list, name="notification_list"),
    path(
        "notifications/<int:pk>/open/",
        notifications.notification_open,
        name="notification_open",
    ),
    path(
        "notifications/read/",
        notifications.notification_read_all,
        name="notification_read_all",
    ),
    path(
        "notifications/settings/",
        notifications.notification_settings,
        name="notification_settings",
    ),
]
