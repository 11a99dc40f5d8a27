"""The working-group pages, under the ``swg`` namespace; one module per area."""

from django.urls import include, path

app_name = "swg"

urlpatterns = [
    path("", include("swg.urls.groups")),
    path("", include("swg.urls.organizations")),
    path("", include("swg.urls.contacts")),
    path("", include("swg.urls.meetings")),
    path("", include("swg.urls.minutes")),
    path("", include("swg.urls.archive")),
    path("", include("swg.urls.tors")),
    path("", include("swg.urls.schedule")),
    path("", include("swg.urls.notifications")),
]
