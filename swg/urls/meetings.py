from django.urls import path

from ..views import calendar, meetings

# Meetings, agendas, invitations, RSVP and calendars.
urlpatterns = [
    path("swg/<slug:slug>/meetings/new/", meetings.meeting_plan, name="meeting_plan"),
    path("swg/<slug:slug>/meetings/", calendar.swg_meetings, name="swg_meetings"),
    path(
        "swg/<slug:slug>/meetings/month/",
        calendar.swg_meetings_month,
        name="swg_meetings_month",
    ),
    path("swg/<slug:slug>/calendar.ics", calendar.swg_calendar_feed, name="swg_calendar_feed"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path(
        "meetings/<int:pk>/participants.pdf",
        meetings.meeting_sign_in_sheet,
        name="meeting_sign_in_sheet",
    ),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/postpone/", meetings.meeting_postpone, name="meeting_postpone"),
    path("meetings/<int:pk>/agenda/", meetings.meeting_agenda, name="meeting_agenda"),
    path(
        "meetings/<int:pk>/agenda/print/",
        meetings.meeting_agenda_print,
        name="meeting_agenda_print",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/edit/",
        meetings.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/move/",
        meetings.agenda_item_move,
        name="agenda_item_move",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/delete/",
        meetings.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path(
        "meetings/<int:pk>/invitations/", meetings.meeting_invitations, name="meeting_invitations"
    ),
    path(
        "meetings/<int:pk>/invitations/<int:invitation_pk>/remove/",
        meetings.invitation_remove,
        name="invitation_remove",
    ),
    path(
        "meetings/<int:pk>/invitations/send/",
        meetings.meeting_send_invitations,
        name="meeting_send_invitations",
    ),
    path("rsvp/<str:token>/", meetings.rsvp, name="rsvp"),
    path("calendar/", calendar.calendar_list, name="calendar_list"),
    path("calendar/month/", calendar.calendar_month, name="calendar_month"),
    path("calendar/feed/<slug:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("calendar/subscribe/", calendar.calendar_subscription, name="calendar_subscription"),
    path(
        "calendar/subscribe/new/",
        calendar.calendar_token_create,
        name="calendar_token_create",
    ),
    path(
        "calendar/subscribe/<int:pk>/revoke/",
        calendar.calendar_token_revoke,
        name="calendar_token_revoke",
    ),
]
