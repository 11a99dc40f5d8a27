from django.urls import path

from ..views import tors

# Terms of reference: ``key`` is a group's slug, or "generic" (swg.models.tors.GENERIC).
urlpatterns = [
    path("tors/", tors.tor_list, name="tor_list"),
    path("tors/<slug:key>/", tors.tor_detail, name="tor_detail"),
    path("tors/<slug:key>/new/", tors.tor_new, name="tor_new"),
    path("tors/<slug:key>/compare/", tors.tor_compare, name="tor_compare"),
    path("tors/<slug:key>/v<int:number>/", tors.tor_version, name="tor_version"),
    path("tors/<slug:key>/v<int:number>/tor.pdf", tors.tor_pdf, name="tor_pdf"),
    path("tors/<slug:key>/v<int:number>/edit/", tors.tor_edit, name="tor_edit"),
    path("tors/<slug:key>/v<int:number>/review/", tors.tor_review, name="tor_review"),
    path("tors/<slug:key>/v<int:number>/endorse/", tors.tor_endorse, name="tor_endorse"),
]
