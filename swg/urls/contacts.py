from django.urls import path

from ..views import contacts, imports

# The people: contact lists (per group and across groups), exports and imports.
urlpatterns = [
    path("swg/<slug:slug>/contacts/", contacts.swg_contacts, name="swg_contacts"),
    path(
        "swg/<slug:slug>/contacts.<str:fmt>",
        contacts.swg_contacts_export,
        name="swg_contacts_export",
    ),
    path("contacts/", contacts.contact_list, name="contact_list"),
    path("contacts/export.<str:fmt>", contacts.contact_export, name="contact_export"),
    path("contacts/new/", contacts.contact_create, name="contact_create"),
    path("contacts/import/", imports.contact_import, name="contact_import"),
    path("contacts/import/<int:pk>/", imports.contact_import_status, name="contact_import_status"),
    path(
        "contacts/import/<int:pk>/retry/", imports.contact_import_retry, name="contact_import_retry"
    ),
    path(
        "contacts/import/<int:pk>/rejected.csv",
        imports.contact_import_errors,
        name="contact_import_errors",
    ),
    path("contacts/import/<int:pk>/file", imports.contact_import_file, name="contact_import_file"),
    path("contacts/<int:pk>/", contacts.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", contacts.contact_edit, name="contact_edit"),
]
