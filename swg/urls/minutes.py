from django.urls import path

from ..views import action_points, minutes, reviews

# Attendance, minutes, action points and membership reviews.
urlpatterns = [
    path("meetings/<int:meeting_pk>/panel/", minutes.meeting_panel, name="meeting_panel"),
    path(
        "meetings/<int:meeting_pk>/attendance/",
        minutes.attendance_sheet,
        name="attendance_sheet",
    ),
    path(
        "meetings/<int:meeting_pk>/attendance/add/",
        minutes.attendance_add,
        name="attendance_add",
    ),
    path("meetings/<int:meeting_pk>/held/", minutes.meeting_mark_held, name="meeting_mark_held"),
    path("meetings/<int:meeting_pk>/minutes/new/", minutes.minutes_create, name="minutes_create"),
    path(
        "meetings/<int:meeting_pk>/minutes/<int:pk>/",
        minutes.minutes_detail,
        name="minutes_detail",
    ),
    path(
        "meetings/<int:meeting_pk>/minutes/<int:pk>/minutes.txt",
        minutes.minutes_text,
        name="minutes_text",
    ),
    path(
        "meetings/<int:meeting_pk>/minutes/<int:pk>/minutes.pdf",
        minutes.minutes_pdf,
        name="minutes_pdf",
    ),
    path(
        "meetings/<int:meeting_pk>/minutes/<int:pk>/edit/",
        minutes.minutes_edit,
        name="minutes_edit",
    ),
    path(
        "meetings/<int:meeting_pk>/minutes/<int:pk>/submit/",
        minutes.minutes_submit,
        name="minutes_submit",
    ),
    path(
        "meetings/<int:meeting_pk>/minutes/<int:pk>/approve/",
        minutes.minutes_approve,
        name="minutes_approve",
    ),
    path(
        "meetings/<int:meeting_pk>/minutes/<int:pk>/return/",
        minutes.minutes_return,
        name="minutes_return",
    ),
    path(
        "meetings/<int:meeting_pk>/minutes/<int:pk>/circulate/",
        minutes.minutes_circulate,
        name="minutes_circulate",
    ),
    path(
        "meetings/<int:meeting_pk>/minutes/<int:pk>/correct/",
        minutes.minutes_correct,
        name="minutes_correct",
    ),
    path(
        "meetings/<int:meeting_pk>/minutes/<int:pk>/action-points/add/",
        action_points.action_point_add,
        name="action_point_add",
    ),
    path(
        "swg/<slug:slug>/action-points/",
        action_points.swg_action_points,
        name="swg_action_points",
    ),
    path(
        "organizations/<int:pk>/action-points/",
        action_points.organization_action_points,
        name="organization_action_points",
    ),
    path("action-points/<int:pk>/", action_points.action_point_detail, name="action_point_detail"),
    path("action-points/<int:pk>/edit/", action_points.action_point_edit, name="action_point_edit"),
    path(
        "action-points/<int:pk>/status/",
        action_points.action_point_status,
        name="action_point_status",
    ),
    path("swg/<slug:slug>/reassessment/", reviews.membership_review, name="membership_review"),
    path(
        "swg/<slug:slug>/reassessment/record/",
        reviews.membership_review_record,
        name="membership_review_record",
    ),
]
