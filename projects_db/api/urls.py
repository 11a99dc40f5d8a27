from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from .views import ProjectViewSet, QuarterlyUpdateViewSet

router = SimpleRouter()
router.register("projects", ProjectViewSet, basename="api-project")
router.register("updates", QuarterlyUpdateViewSet, basename="api-update")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="projects_db:api_schema")),
        name="api_docs",
    ),
]
