from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<slug:key>.xlsx", views.dashboard_export, name="dashboard_export"),
    path("overview/", views.overview, name="overview"),
    path("help/", views.help_page, name="help"),
    path("help/<slug:role>/", views.help_page, name="help_role"),
    path("overview.pdf", views.overview_pdf, name="overview_pdf"),
]
