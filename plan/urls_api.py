"""API routes of the plan app, mounted at /api/v1/plan/.

Route names start with "api-plan-".
"""

from django.urls import path

from . import api

urlpatterns = [
    path("plannen/", api.PlanLijstView.as_view(), name="api-plan-plannen"),
    path("dossiers/<int:pk>/", api.PlanView.as_view(), name="api-plan-plan"),
    path("dossiers/<int:pk>/doelen/", api.DoelenView.as_view(), name="api-plan-doelen"),
    path("dossiers/<int:pk>/acties/", api.ActiesView.as_view(), name="api-plan-acties"),
    path(
        "dossiers/<int:pk>/acties/<int:actie_pk>/overgang/",
        api.OvergangView.as_view(),
        name="api-plan-actie-overgang",
    ),
    path("dossiers/<int:pk>/akkoord/", api.AkkoordView.as_view(), name="api-plan-akkoord"),
]
