from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("<slug:slug>/", views.swg_reports, name="swg_reports"),
    path("<slug:slug>/open/", views.report_open, name="open"),
    path("<slug:slug>/<str:period>/", views.report_detail, name="detail"),
    path("<slug:slug>/<str:period>/narrative/", views.report_narrative, name="narrative"),
    path("<slug:slug>/<str:period>/generate/", views.report_generate, name="generate"),
    path(
        "<slug:slug>/<str:period>/pdf/<int:pk>/status/", views.report_status, name="report_status"
    ),
    path("<slug:slug>/<str:period>/pdf/<int:pk>/", views.report_download, name="report_download"),
    path("<slug:slug>/<str:period>/approve/", views.report_approve, name="approve"),
]
