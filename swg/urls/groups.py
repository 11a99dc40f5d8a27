from django.urls import path

from ..views import groups, restructure

# The groups, their members and their restructuring.
urlpatterns = [
    path("swg/", groups.swg_list, name="list"),
    path("swg/<slug:slug>/", groups.swg_detail, name="detail"),
    path("swg/<slug:slug>/members/add/", groups.membership_add, name="membership_add"),
    path("swg/<slug:slug>/members/<int:pk>/edit/", groups.membership_edit, name="membership_edit"),
    path("swg/<slug:slug>/members/<int:pk>/end/", groups.membership_end, name="membership_end"),
    path(
        "swg/<slug:slug>/restructure/<str:kind>/", restructure.swg_restructure, name="restructure"
    ),
]
