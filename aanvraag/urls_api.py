"""API routes of the front door, mounted at /api/v1/ (see aanvraag/api.py).

Route names start with "api-aanvraag".
"""

from django.urls import path

from . import api

urlpatterns = [
    path("meldingen/", api.MeldingView.as_view(), name="api-aanvraag-melding"),
    path("aanvragen/", api.AanvraagLijstView.as_view(), name="api-aanvragen"),
    path("aanvragen/<int:pk>/", api.AanvraagDetailView.as_view(), name="api-aanvraag"),
    path(
        "aanvragen/<int:pk>/stappen/<str:stap>/",
        api.StapView.as_view(),
        name="api-aanvraag-stap",
    ),
    path("aanvragen/<int:pk>/indienen/", api.IndienenView.as_view(), name="api-aanvraag-indienen"),
    path(
        "aanvragen/<int:pk>/behandelen/",
        api.BehandelenView.as_view(),
        name="api-aanvraag-behandelen",
    ),
    path("aanvragen/<int:pk>/stukken/", api.StukkenView.as_view(), name="api-aanvraag-stukken"),
    path("aanvragen/<int:pk>/besluit/", api.BesluitView.as_view(), name="api-aanvraag-besluit"),
    path(
        "aanvragen/<int:pk>/voorschot/", api.VoorschotView.as_view(), name="api-aanvraag-voorschot"
    ),
]
