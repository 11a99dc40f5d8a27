from django.conf import settings
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
    path("", include("projects_db.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
