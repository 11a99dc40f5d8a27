"""The portal's URL configuration plus the floor of the benchmark.

The floor (``/bench/floor/``) renders ``base.html`` for a signed-in user
through the whole middleware stack: the cost every page pays before its own
work. It lives only here, never in ``coordination/urls.py``, so the portal
itself has no such page; the benchmark runs with ``ROOT_URLCONF="bench.urls"``
(in-process through ``override_settings``, under gunicorn through
``bench/settings.py``). The portal's routes keep their names and paths.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from coordination.urls import urlpatterns as portal_urlpatterns

FLOOR_PATH = "/bench/floor/"


@login_required
def floor(request):
    return render(request, "base.html", {"title": "Floor"})


urlpatterns = [path(FLOOR_PATH.strip("/") + "/", floor), *portal_urlpatterns]
