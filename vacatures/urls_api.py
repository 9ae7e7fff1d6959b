"""API routes of the vacatures app, mounted at /api/v1/vacatures/.

Route names start with "api-vacatures-".
"""

from django.urls import path

from . import api

urlpatterns = [
    path("", api.VacaturesView.as_view(), name="api-vacatures-lijst"),
    path("<int:pk>/", api.VacatureView.as_view(), name="api-vacatures-detail"),
    path("<int:pk>/kandidaten/", api.KandidatenView.as_view(), name="api-vacatures-kandidaten"),
    path("werkgevers/", api.WerkgeversView.as_view(), name="api-vacatures-werkgevers"),
    path("werkgevers/<int:pk>/", api.WerkgeverView.as_view(), name="api-vacatures-werkgever"),
    path("voordrachten/", api.VoordrachtenView.as_view(), name="api-vacatures-voordrachten"),
    path("voordrachten/<int:pk>/", api.VoordrachtView.as_view(), name="api-vacatures-voordracht"),
    path(
        "voordrachten/<int:pk>/overgang/",
        api.OvergangView.as_view(),
        name="api-vacatures-voordracht-overgang",
    ),
]
