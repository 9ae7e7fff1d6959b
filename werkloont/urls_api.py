"""API routes of the werkloont app, mounted at /api/v1/werkloont/ (see werkloont/api.py).

Route names start with "api-werkloont-".
"""

from django.urls import path

from . import api

urlpatterns = [
    path(
        "dossiers/<int:pk>/programmas/", api.TrajectenView.as_view(), name="api-werkloont-trajecten"
    ),
    path(
        "dossiers/<int:pk>/activiteiten/",
        api.ActiviteitenView.as_view(),
        name="api-werkloont-activiteiten",
    ),
    path("dossiers/<int:pk>/agenda/", api.AgendaView.as_view(), name="api-werkloont-agenda"),
    path("dossiers/<int:pk>/weken/<str:week>/", api.WeekView.as_view(), name="api-werkloont-week"),
    path(
        "afspraken/<int:afspraak_pk>/aanwezigheid/",
        api.AanwezigheidView.as_view(),
        name="api-werkloont-aanwezigheid",
    ),
    path(
        "werkactiviteiten/",
        api.WerkactiviteitenView.as_view(),
        name="api-werkloont-werkactiviteiten",
    ),
]
