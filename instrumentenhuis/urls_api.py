"""API routes of the instrumentenhuis app, mounted at /api/v1/instrumentenhuis/.

Route names start with "api-instrumentenhuis-".
"""

from django.urls import path

from . import api

urlpatterns = [
    path("instrumenten/", api.CatalogusView.as_view(), name="api-instrumentenhuis-instrumenten"),
    path(
        "instrumenten/<int:pk>/",
        api.InstrumentView.as_view(),
        name="api-instrumentenhuis-instrument",
    ),
    path(
        "dossiers/<int:pk>/inzetten/",
        api.InzettenView.as_view(),
        name="api-instrumentenhuis-inzetten",
    ),
    path(
        "dossiers/<int:pk>/inzetten/<int:inzet_pk>/status/",
        api.InzetStatusView.as_view(),
        name="api-instrumentenhuis-inzet-status",
    ),
    path(
        "aanbieder/inzetten/",
        api.AanbiederInzettenView.as_view(),
        name="api-instrumentenhuis-aanbieder-inzetten",
    ),
    path(
        "aanbieder/inzetten/<int:inzet_pk>/rapportages/",
        api.AanbiederRapportageView.as_view(),
        name="api-instrumentenhuis-aanbieder-rapportage",
    ),
]
