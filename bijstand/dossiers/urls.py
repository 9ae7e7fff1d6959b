from django.urls import path

from . import berichten_views, views

app_name = "dossiers"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("dossiers/<int:pk>/", views.dossier_detail, name="detail"),
    path("dossiers/<int:pk>/journaal/", views.journaal_toevoegen, name="journaal_toevoegen"),
    path("dossiers/standaardtekst/", views.standaardtekst_invoegen, name="standaardtekst_invoegen"),
    path("dossiers/<int:pk>/status/", views.status_wijzigen, name="status"),
    path("dossiers/<int:pk>/overdragen/", views.overdragen, name="overdragen"),
    path("dossiers/<int:pk>/berichten/", berichten_views.berichten_lijst, name="berichten"),
    path(
        "dossiers/<int:pk>/berichten/<int:bericht>/",
        berichten_views.bericht_draad,
        name="bericht",
    ),
    # Keep last: the generic tab route would otherwise shadow the action routes above.
    path("dossiers/<int:pk>/<slug:tab>/", views.dossier_tab, name="tab"),
]
