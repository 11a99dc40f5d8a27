from django.urls import include, path

from .views import duplicates, projects, tokens

app_name = "projects_db"

web = [
    path("", projects.project_list, name="project_list"),
    path("new/", projects.project_create, name="project_create"),
    path("portfolio/", projects.portfolio, name="portfolio"),
    path("duplicates/", duplicates.duplicate_list, name="duplicate_list"),
    path("duplicates/<int:pk>/review/", duplicates.duplicate_review, name="duplicate_review"),
    path("api-token/", tokens.api_token, name="api_token"),
    path("<int:pk>/", projects.project_detail, name="project_detail"),
    path("<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("<int:pk>/publish/", projects.project_publish, name="project_publish"),
    path("<int:pk>/unpublish/", projects.project_unpublish, name="project_unpublish"),
    path("<int:pk>/history/", projects.project_history, name="project_history"),
]

urlpatterns = [
    path("projects/", include(web)),
    path("api/", include("projects_db.api.urls")),
]
