from django.urls import path

from ..views import organizations, search

# The directory of organizations and their focal points.
urlpatterns = [
    path("search/organizations/", search.organization_search, name="organization_search"),
    path("search/people/", search.contact_search, name="contact_search"),
    path("search/meetings/", search.meeting_search, name="meeting_search"),
    path("search/documents/", search.document_search, name="document_search"),
    path("organizations/", organizations.organization_list, name="organization_list"),
    path("organizations/new/", organizations.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", organizations.organization_detail, name="organization_detail"),
    path("organizations/<int:pk>/edit/", organizations.organization_edit, name="organization_edit"),
    path(
        "organizations/<int:pk>/focal-points/add/",
        organizations.focal_point_add,
        name="focal_point_add",
    ),
    path(
        "organizations/<int:pk>/focal-points/<int:fp_pk>/end/",
        organizations.focal_point_end,
        name="focal_point_end",
    ),
]
