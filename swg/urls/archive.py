from django.urls import path

from ..views import correspondence, documents

# The document archive and the correspondence register.
urlpatterns = [
    path("documents/", documents.document_list, name="document_list"),
    path("documents/upload/", documents.document_upload, name="document_upload"),
    path("documents/<int:pk>/", documents.document_detail, name="document_detail"),
    path("documents/<int:pk>/edit/", documents.document_edit, name="document_edit"),
    path(
        "documents/<int:pk>/versions/new/",
        documents.document_version_add,
        name="document_version_add",
    ),
    path(
        "documents/<int:pk>/versions/<int:version_pk>/download/",
        documents.document_download,
        name="document_download",
    ),
    path("correspondence/", correspondence.correspondence_list, name="correspondence_list"),
    path(
        "correspondence/export.xlsx",
        correspondence.correspondence_export,
        name="correspondence_export",
    ),
    path("correspondence/new/", correspondence.correspondence_create, name="correspondence_create"),
    path(
        "correspondence/<int:pk>/",
        correspondence.correspondence_detail,
        name="correspondence_detail",
    ),
    path(
        "correspondence/<int:pk>/edit/",
        correspondence.correspondence_edit,
        name="correspondence_edit",
    ),
]
