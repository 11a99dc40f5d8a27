from django.contrib import admin
from django.urls import include, path

from . import views, views_outbox

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("outbox/", views_outbox.outbox_list, name="outbox"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("swg.urls")),
]
# No route serves uploaded files, in DEBUG either: they are private
# (coordination/storage.py) and leave only through permission-checked views.
