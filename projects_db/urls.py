from django.urls import include, path, re_path

from .views import duplicates, exchange, projects, results, tokens, updates

app_name = "projects_db"

web = [
    path("", projects.project_list, name="project_list"),
    path("new/", projects.project_create, name="project_create"),
    path("portfolio/", projects.portfolio, name="portfolio"),
    path("search/", projects.project_search, name="project_search"),
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
    path("updates/", updates.update_list, name="update_list"),
    path("updates/board/", updates.submission_board, name="submission_board"),
    path(
        "updates/board/export/<str:fmt>/",
        updates.submission_board_export,
        name="submission_board_export",
    ),
    path("updates/<int:update_pk>/", updates.update_detail, name="update_detail"),
    path("updates/<int:update_pk>/accept/", updates.update_accept, name="update_accept"),
    path("updates/<int:update_pk>/return/", updates.update_return, name="update_return"),
    path("<int:pk>/updates/<int:year>/<int:quarter>/", updates.update_edit, name="update_edit"),
    path(
        "<int:pk>/updates/<int:year>/<int:quarter>/no-change/",
        updates.update_no_change,
        name="update_no_change",
    ),
    path("<int:pk>/", projects.project_detail, name="project_detail"),
    path("<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("<int:pk>/publish/", projects.project_publish, name="project_publish"),
    path("<int:pk>/unpublish/", projects.project_unpublish, name="project_unpublish"),
    path("<int:pk>/history/", projects.project_history, name="project_history"),
]

results_urls = [
    path("", results.results_index, name="results_index"),
    path("priorities/new/", results.priority_create, name="priority_create"),
    path("priorities/<int:pk>/edit/", results.priority_edit, name="priority_edit"),
    path("goals/<int:pk>/edit/", results.goal_edit, name="goal_edit"),
    path("goals/<int:goal_pk>/objectives/new/", results.objective_create, name="objective_create"),
    path("objectives/<int:pk>/edit/", results.objective_edit, name="objective_edit"),
    path("indicators/<int:pk>/", results.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", results.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/targets/new/", results.target_add, name="target_add"),
    path(
        "indicators/<int:pk>/targets/<int:target_pk>/edit/",
        results.target_edit,
        name="target_edit",
    ),
    path("indicators/<int:pk>/values/new/", results.measurement_add, name="measurement_add"),
    path(
        "indicators/<int:pk>/values/<int:measurement_pk>/edit/",
        results.measurement_edit,
        name="measurement_edit",
    ),
    path("<slug:slug>/", results.results_framework, name="results_framework"),
    path("<slug:slug>/goals/new/", results.goal_create, name="goal_create"),
    path("<slug:slug>/indicators/new/", results.indicator_create, name="indicator_create"),
]

urlpatterns = [
    path("projects/", include(web)),
    path("results/", include(results_urls)),
    path("api/", include("projects_db.api.urls")),
]
