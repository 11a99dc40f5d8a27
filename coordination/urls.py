# The one module of coordination that names the portal's apps: it wires their
# pages in (DESIGN §6).
from django.conf import settings
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
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
