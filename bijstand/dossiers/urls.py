from django.urls import path

from . import berichten_views, views, wijziging_views

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
    path("wijzigingen/", wijziging_views.werklijst, name="wijzigingen"),
    path("wijzigingen/<int:pk>/", wijziging_views.wijziging_detail, name="wijziging"),
    path(
        "wijzigingen/<int:pk>/huishouden/",
        wijziging_views.huishoudenlid_toevoegen,
        name="wijziging_lid_toevoegen",
    ),
    path(
        "wijzigingen/<int:pk>/huishouden/<int:lid>/verwijderen/",
        wijziging_views.huishoudenlid_verwijderen,
        name="wijziging_lid_verwijderen",
    ),
    path(
        "dossiers/<int:pk>/wijzigingen/",
        wijziging_views.dossier_wijzigingen,
        name="wijzigingen_dossier",
    ),
    # Keep last: the generic tab route would otherwise shadow the action routes above.
    path("dossiers/<int:pk>/<slug:tab>/", views.dossier_tab, name="tab"),
]
