# The one module of coordination that names the portal's apps: it wires their
# pages in (DESIGN §6).
from django.contrib import admin
from django.urls import include, path

from dashboards.views import home
from swg.views.outbox import outbox_list

from . import views

urlpatterns = [
    path("", home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("outbox/", outbox_list, name="outbox"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("swg.urls")),
    path("", include("projects_db.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("reports/", include("reports.urls")),
]
# No route serves uploaded files, in DEBUG either: they are private
# (coordination/storage.py) and leave only through permission-checked views.
