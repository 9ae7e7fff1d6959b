"""/api/v1/: each app contributes its routes here."""

from django.urls import include, path

from bijstand.dossiers import api as dossiers_api

urlpatterns = [
    path("dossiers/", dossiers_api.DossierLijstView.as_view(), name="api-dossiers"),
    path("dossiers/<int:pk>/", dossiers_api.DossierDetailView.as_view(), name="api-dossier"),
    path(
        "dossiers/<int:pk>/journaal/",
        dossiers_api.JournaalView.as_view(),
        name="api-dossier-journaal",
    ),
    path(
        "dossiers/<int:pk>/berichten/",
        dossiers_api.BerichtenView.as_view(),
        name="api-dossier-berichten",
    ),
    path("inkomen/", include("inkomen.urls_api")),
    path("perspectief/", include("perspectief.urls_api")),
    path("intake/", include("intake.urls_api")),
    path("plan/", include("plan.urls_api")),
    path("instrumentenhuis/", include("instrumentenhuis.urls_api")),
    path("vacatures/", include("vacatures.urls_api")),
    path("werkloont/", include("werkloont.urls_api")),
    path("", include("aanvraag.urls_api")),  # meldingen/, aanvragen/
]
