from .views import minutes  # noqa: F401

# Attendance, minutes, action points and membership reviews; included by swg/urls.py.
urlpatterns = []
