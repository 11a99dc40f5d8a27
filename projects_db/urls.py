from django.urls import include, path, re_path

from .views import duplicates, exchange, projects, tokens

app_name = "projects_db"

web = [
    path("", projects.project_list, name="project_list"),
    path("new/", projects.project_create, name="project_create"),
    path("portfolio/", projects.portfolio, name="portfolio"),
    path("duplicates/", duplicates.duplicate_list, name="duplicate_list"),
    path("duplicates/<int:pk>/review/", duplicates.duplicate_review, name="duplicate_review"),
    path("api-token/", tokens.api_token, name="api_token"),
    path("import/", exchange.project_import, name="project_import"),
    path("import/template/", exchange.project_import_template, name="project_import_template"),
    path("import/<int:pk>/", exchange.project_import_status, name="project_import_status"),
    path(
        "import/<int:pk>/confirm/", exchange.project_import_confirm, name="project_import_confirm"
    ),
    path("import/<int:pk>/retry/", exchange.project_import_retry, name="project_import_retry"),
    path("import/<int:pk>/errors/", exchange.project_import_errors, name="project_import_errors"),
    re_path(r"^export\.(?P<fmt>xlsx|csv|xml)$", exchange.project_export, name="project_export"),
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
