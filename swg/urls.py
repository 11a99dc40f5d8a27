from django.urls import include, path

from .views import contacts, groups, imports, organizations, restructure

app_name = "swg"

urlpatterns = [
    path("swg/", groups.swg_list, name="list"),
    path("swg/<slug:slug>/", groups.swg_detail, name="detail"),
    path("swg/<slug:slug>/members/add/", groups.membership_add, name="membership_add"),
    path("swg/<slug:slug>/members/<int:pk>/edit/", groups.membership_edit, name="membership_edit"),
    path("swg/<slug:slug>/members/<int:pk>/end/", groups.membership_end, name="membership_end"),
    path("swg/<slug:slug>/contacts/", contacts.swg_contacts, name="swg_contacts"),
    path(
        "swg/<slug:slug>/contacts.<str:fmt>",
        contacts.swg_contacts_export,
        name="swg_contacts_export",
    ),
    path(
        "swg/<slug:slug>/restructure/<str:kind>/", restructure.swg_restructure, name="restructure"
    ),
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
    path("contacts/", contacts.contact_list, name="contact_list"),
    path("contacts/export.<str:fmt>", contacts.contact_export, name="contact_export"),
    path("contacts/new/", contacts.contact_create, name="contact_create"),
    path("contacts/import/", imports.contact_import, name="contact_import"),
    path("contacts/import/<int:pk>/", imports.contact_import_status, name="contact_import_status"),
    path(
        "contacts/import/<int:pk>/rejected.csv",
        imports.contact_import_errors,
        name="contact_import_errors",
    ),
    path("contacts/import/<int:pk>/file", imports.contact_import_file, name="contact_import_file"),
    path("contacts/<int:pk>/", contacts.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", contacts.contact_edit, name="contact_edit"),
    path("", include("swg.urls_meetings")),
    path("", include("swg.urls_minutes")),
]
