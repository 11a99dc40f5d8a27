from .views import meetings  # noqa: F401

# Meetings, agendas, invitations, RSVP and calendars (issue 4); included by swg/urls.py.
urlpatterns = []
